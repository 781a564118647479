/* An on-CPU plus off-CPU workload for the hot/cold test data
 * (tests/data/hotcold-blocker). Threads:
 *   main     spins in compute(), and feeds the pipe every 20 ms
 *   sleeper  nanosleep(5 ms) in a loop, a little work in between
 *   reader   blocks in read() on the pipe
 *   holder   holds a mutex while spinning; locker waits for it
 *   pool-N   idle workers parked in pthread_cond_wait, woken rarely
 * Usage: blocker MILLISECONDS */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static volatile int stop;
static volatile uint64_t sink;
static int pipefd[2];
static pthread_mutex_t big_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pool_cond = PTHREAD_COND_INITIALIZER;
static int pool_jobs;

static __attribute__((noinline)) uint64_t
compute(long rounds)
{
	uint64_t h = 1;

	for (long i = 0; i < rounds; i++)
		h = (h ^ (uint64_t)i) * 0xff51afd7ed558ccdULL;
	sink = h;
	return h;
}

static void
nap(long usec)
{
	struct timespec ts = { usec / 1000000, (usec % 1000000) * 1000 };

	nanosleep(&ts, NULL);
}

static void *
sleeper(void *arg)
{
	(void)arg;
	pthread_setname_np(pthread_self(), "sleeper");
	while (!stop) {
		nap(5000);
		compute(20000);
	}
	return NULL;
}

static void *
reader(void *arg)
{
	char buf[64];

	(void)arg;
	pthread_setname_np(pthread_self(), "reader");
	while (!stop && read(pipefd[0], buf, sizeof buf) > 0)
		compute(50000);
	return NULL;
}

static void *
holder(void *arg)
{
	(void)arg;
	pthread_setname_np(pthread_self(), "holder");
	while (!stop) {
		pthread_mutex_lock(&big_lock);
		compute(300000);
		pthread_mutex_unlock(&big_lock);
		nap(1000);
	}
	return NULL;
}

static void *
locker(void *arg)
{
	(void)arg;
	pthread_setname_np(pthread_self(), "locker");
	while (!stop) {
		pthread_mutex_lock(&big_lock);
		compute(10000);
		pthread_mutex_unlock(&big_lock);
	}
	return NULL;
}

static void *
pool_worker(void *arg)
{
	(void)arg;
	pthread_setname_np(pthread_self(), "pool");
	pthread_mutex_lock(&pool_lock);
	while (!stop) {
		while (pool_jobs == 0 && !stop)
			pthread_cond_wait(&pool_cond, &pool_lock);
		if (pool_jobs > 0) {
			pool_jobs--;
			pthread_mutex_unlock(&pool_lock);
			compute(100000);
			pthread_mutex_lock(&pool_lock);
		}
	}
	pthread_mutex_unlock(&pool_lock);
	return NULL;
}

int
main(int argc, char **argv)
{
	long ms = argc > 1 ? atol(argv[1]) : 1000;
	pthread_t t[6];
	struct timespec start, now;

	if (pipe(pipefd) < 0)
		return 1;
	pthread_create(&t[0], NULL, sleeper, NULL);
	pthread_create(&t[1], NULL, reader, NULL);
	pthread_create(&t[2], NULL, holder, NULL);
	pthread_create(&t[3], NULL, locker, NULL);
	pthread_create(&t[4], NULL, pool_worker, NULL);
	pthread_create(&t[5], NULL, pool_worker, NULL);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (int tick = 0;; tick++) {
		compute(400000);
		if (write(pipefd[1], "x", 1) < 0)
			break;
		if (tick % 10 == 0) {
			pthread_mutex_lock(&pool_lock);
			pool_jobs++;
			pthread_cond_signal(&pool_cond);
			pthread_mutex_unlock(&pool_lock);
		}
		nap(20000);
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((now.tv_sec - start.tv_sec) * 1000 +
		    (now.tv_nsec - start.tv_nsec) / 1000000 >= ms)
			break;
	}
	stop = 1;
	close(pipefd[1]);
	pthread_mutex_lock(&pool_lock);
	pthread_cond_broadcast(&pool_cond);
	pthread_mutex_unlock(&pool_lock);
	for (int i = 0; i < 6; i++)
		pthread_join(t[i], NULL);
	printf("%llx\n", (unsigned long long)sink);
	return 0;
}
