/* Protobuf wire-format reading for the pprof reader: varints and field
 * headers over a bounded byte range. Header-only so that the hot sample
 * loop inlines it. Every function checks bounds and reports failure with
 * a reason instead of reading past the end. */
#ifndef SCORCH_FORMATS_PPROF_WIRE_H
#define SCORCH_FORMATS_PPROF_WIRE_H

#include <stddef.h>
#include <stdint.h>

enum pb_wire {
	PB_VARINT = 0,
	PB_FIXED64 = 1,
	PB_BYTES = 2,
	PB_FIXED32 = 5
};

/* One decoded field: a varint value, or the bytes of a length-delimited
 * field (data, len). Fixed-width fields are skipped, their value unused. */
struct pb_field {
	uint32_t num;
	enum pb_wire wire;
	uint64_t v;
	const uint8_t *data;
	size_t len;
};

/* Reads a varint at *pp (< end). Returns NULL on success, else a reason;
 * *pp is advanced only on success. A varint longer than 10 bytes is
 * malformed, as in the reference decoder. */
static inline const char *
pb_varint(const uint8_t **pp, const uint8_t *end, uint64_t *out)
{
	const uint8_t *p = *pp;
	uint64_t v = 0;

	if (p < end && *p < 0x80) {   /* the common one-byte case */
		*out = *p;
		*pp = p + 1;
		return NULL;
	}
	for (unsigned shift = 0; shift < 70; shift += 7) {
		if (p >= end)
			return "truncated varint";
		v |= (uint64_t)(*p & 0x7f) << shift;
		if (*p++ < 0x80) {
			*out = v;
			*pp = p;
			return NULL;
		}
	}
	return "varint longer than 10 bytes";
}

/* Reads one field header and its payload at *pp. Returns NULL or a
 * reason: bad varint, field number 0, a group or unknown wire type, or a
 * length past the end. */
static inline const char *
pb_next(const uint8_t **pp, const uint8_t *end, struct pb_field *f)
{
	const uint8_t *p = *pp;
	const char *why;
	uint64_t key;

	if ((why = pb_varint(&p, end, &key)) != NULL)
		return why;
	if ((key >> 3) == 0 || (key >> 3) > UINT32_MAX)
		return "invalid field number";
	f->num = (uint32_t)(key >> 3);
	f->wire = (enum pb_wire)(key & 7);
	switch (key & 7) {
	case PB_VARINT:
		if ((why = pb_varint(&p, end, &f->v)) != NULL)
			return why;
		break;
	case PB_FIXED64:
		if (end - p < 8)
			return "truncated fixed64 field";
		p += 8;
		break;
	case PB_FIXED32:
		if (end - p < 4)
			return "truncated fixed32 field";
		p += 4;
		break;
	case PB_BYTES:
		if ((why = pb_varint(&p, end, &f->v)) != NULL)
			return why;
		if (f->v > (uint64_t)(end - p))
			return "length past the end of the message";
		f->data = p;
		f->len = (size_t)f->v;
		p += f->len;
		break;
	default:
		return "invalid wire type (group or reserved)";
	}
	*pp = p;
	return NULL;
}

#endif
