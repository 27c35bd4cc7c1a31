// libFuzzer front end for a .NET fuzz target built with SharpFuzz (Fuzzer.LibFuzzer.Run).
//
//   decodex-libfuzzer [libFuzzer flags] CORPUS... -- PROGRAM [ARG...]
//
// libFuzzer owns the process; this file starts PROGRAM once as a child and, for every input, copies it
// into a System V shared-memory segment that also holds SharpFuzz's 64 KiB edge map, sends its length
// on a control pipe and waits for a 4-byte status on a status pipe (0: the input ran; otherwise an
// exception escaped and PROGRAM printed it). The edge map is copied into libFuzzer's extra counters, so
// coverage of the instrumented .NET assemblies guides mutation. The child finds the segment and pipes
// through the environment variables SharpFuzz reads: __LIBFUZZER_SHM_ID, __LIBFUZZER_CONTROL_PIPE_ID
// and __LIBFUZZER_STATUS_PIPE_ID. Build: clang -O2 -fsanitize=fuzzer decodex-libfuzzer.c.
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>
#include <unistd.h>

enum { EDGE_MAP = 1 << 16, MAX_INPUT = 1 << 20, CONTROL_FD = 198, STATUS_FD = 199 };

__attribute__((section("__libfuzzer_extra_counters"))) uint8_t dotnet_edges[EDGE_MAP];

static uint8_t *shared;
static int shm;
static int control = -1;
static int status = -1;

static void fail(const char *what)
{
    fprintf(stderr, "decodex-libfuzzer: %s: %s\n", what, errno ? strerror(errno) : "unexpected");
    exit(1);
}

static void drop_segment(void) { shmctl(shm, IPC_RMID, NULL); }

static void transfer(int fd, void *buffer, int writing)
{
    size_t done = 0;
    while (done < 4)
    {
        ssize_t n = writing ? write(fd, (char *)buffer + done, 4 - done) : read(fd, (char *)buffer + done, 4 - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
        {
            if (n == 0)
                errno = 0;
            fail(writing ? "the .NET target closed its control pipe" : "the .NET target exited (see its output above)");
        }
        done += (size_t)n;
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    int separator = -1;
    for (int i = 1; i < *argc; i++)
        if (strcmp((*argv)[i], "--") == 0)
        {
            separator = i;
            break;
        }
    if (separator < 0 || separator + 1 >= *argc)
    {
        fprintf(stderr, "usage: %s [libFuzzer flags] [CORPUS...] -- PROGRAM [ARG...]\n", (*argv)[0]);
        exit(2);
    }
    char **child_argv = &(*argv)[separator + 1];
    (*argv)[separator] = NULL;
    *argc = separator; // libFuzzer sees only its own flags and corpus folders

    int to_child[2], from_child[2];
    if (pipe(to_child) || pipe(from_child))
        fail("pipe");
    shm = shmget(IPC_PRIVATE, EDGE_MAP + MAX_INPUT, IPC_CREAT | IPC_EXCL | 0600);
    if (shm < 0)
        fail("shmget");
    atexit(drop_segment);
    shared = shmat(shm, NULL, 0);
    if (shared == (void *)-1)
        fail("shmat");

    pid_t pid = fork();
    if (pid < 0)
        fail("fork");
    if (pid == 0)
    {
        char id[16];
        snprintf(id, sizeof id, "%d", shm);
        if (dup2(to_child[0], CONTROL_FD) < 0 || dup2(from_child[1], STATUS_FD) < 0)
            fail("dup2");
        close(to_child[0]);
        close(to_child[1]);
        close(from_child[0]);
        close(from_child[1]);
        setenv("__LIBFUZZER_SHM_ID", id, 1);
        setenv("__LIBFUZZER_CONTROL_PIPE_ID", "198", 1);
        setenv("__LIBFUZZER_STATUS_PIPE_ID", "199", 1);
        execvp(child_argv[0], child_argv);
        fail("exec");
    }
    close(to_child[0]);
    close(from_child[1]);
    control = to_child[1];
    status = from_child[0];
    int32_t ready;
    transfer(status, &ready, 0); // the child says hello once SharpFuzz is listening
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        return -1; // libFuzzer keeps inputs under -max_len; larger ones are not run
    memset(shared, 0, EDGE_MAP);
    memcpy(shared + EDGE_MAP, data, size);
    int32_t length = (int32_t)size, result;
    transfer(control, &length, 1);
    transfer(status, &result, 0);
    memcpy(dotnet_edges, shared, EDGE_MAP);
    if (result != 0)
        __builtin_trap(); // libFuzzer saves the input as crash-*
    return 0;
}
