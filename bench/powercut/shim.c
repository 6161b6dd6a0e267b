/* Records what a process asks of the disk, for the power-cut simulation (bench/powercut).
 *
 * Loaded with LD_PRELOAD into a writer. Every open, write, truncate, sync, rename and unlink
 * of a file under $POWERCUT_WATCH goes to the log $POWERCUT_LOG, in order, with the bytes
 * written; so do the writer's writes to its standard output (what it reported as done).
 * From the log, bench/powercut/disk.py rebuilds what the disk would hold had the power gone
 * at any point: only what was synced survives (the file's data after fsync of the file, a
 * name after fsync of its folder).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_FD 65536

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int log_fd = -1;
static char watch[PATH_MAX];
static size_t watch_len;
static unsigned char watched[MAX_FD];
static int forget_syncs; /* $POWERCUT_FORGET_SYNCS: a disk that ignores fsync (the bench's control) */

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off_t);
static int (*real_open)(const char *, int, ...);
static int (*real_open64)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_openat64)(int, const char *, int, ...);
static int (*real_close)(int);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_ftruncate64)(int, off_t);
static int (*real_rename)(const char *, const char *);
static int (*real_renameat)(int, const char *, int, const char *);
static int (*real_renameat2)(int, const char *, int, const char *, unsigned int);
static int (*real_unlink)(const char *);
static int (*real_unlinkat)(int, const char *, int);

static void setup(void) {
    static int done;
    if (done) return;
    done = 1;
    real_write = dlsym(RTLD_NEXT, "write");
    real_pwrite64 = dlsym(RTLD_NEXT, "pwrite64");
    real_open = dlsym(RTLD_NEXT, "open");
    real_open64 = dlsym(RTLD_NEXT, "open64");
    real_openat = dlsym(RTLD_NEXT, "openat");
    real_openat64 = dlsym(RTLD_NEXT, "openat64");
    real_close = dlsym(RTLD_NEXT, "close");
    real_fsync = dlsym(RTLD_NEXT, "fsync");
    real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
    real_ftruncate64 = dlsym(RTLD_NEXT, "ftruncate64");
    real_rename = dlsym(RTLD_NEXT, "rename");
    real_renameat = dlsym(RTLD_NEXT, "renameat");
    real_renameat2 = dlsym(RTLD_NEXT, "renameat2");
    real_unlink = dlsym(RTLD_NEXT, "unlink");
    real_unlinkat = dlsym(RTLD_NEXT, "unlinkat");
    const char *w = getenv("POWERCUT_WATCH"), *l = getenv("POWERCUT_LOG");
    if (!w || !l) return;
    forget_syncs = getenv("POWERCUT_FORGET_SYNCS") != NULL;
    strncpy(watch, w, sizeof watch - 1);
    watch_len = strlen(watch);
    log_fd = real_open(l, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
}

static void emit(const char *head, const void *data, size_t len) {
    size_t n = strlen(head);
    while (n > 0) {
        ssize_t k = real_write(log_fd, head, n);
        if (k <= 0) return;
        head += k, n -= (size_t)k;
    }
    const char *p = data;
    while (len > 0) {
        ssize_t k = real_write(log_fd, p, len);
        if (k <= 0) return;
        p += k, len -= (size_t)k;
    }
}

/* The absolute path of ``name`` (relative to ``dirfd``), or "" when it can't be known. */
static void resolve(int dirfd, const char *name, char *out) {
    char base[PATH_MAX];
    out[0] = 0;
    if (name[0] == '/') {
        strncpy(out, name, PATH_MAX - 1);
        return;
    }
    if (dirfd == AT_FDCWD) {
        if (!getcwd(base, sizeof base)) return;
    } else {
        char link[64];
        snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd);
        ssize_t n = readlink(link, base, sizeof base - 1);
        if (n < 0) return;
        base[n] = 0;
    }
    snprintf(out, PATH_MAX, "%s/%s", base, name);
}

static int under_watch(const char *path) {
    return log_fd >= 0 && path[0] && strncmp(path, watch, watch_len) == 0;
}

static void opened(int fd, int dirfd, const char *name, int flags) {
    if (fd < 0 || fd >= MAX_FD || log_fd < 0) return;
    char path[PATH_MAX], head[PATH_MAX + 64];
    resolve(dirfd, name, path);
    if (!under_watch(path)) return;
    pthread_mutex_lock(&lock);
    watched[fd] = 1;
    snprintf(head, sizeof head, "O %d %d %s\n", fd, flags, path);
    emit(head, NULL, 0);
    pthread_mutex_unlock(&lock);
}

static mode_t mode_of(int flags, va_list args) {
    return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(args, int) : 0;
}

int open(const char *name, int flags, ...) {
    setup();
    va_list args;
    va_start(args, flags);
    mode_t mode = mode_of(flags, args);
    va_end(args);
    int fd = real_open(name, flags, mode);
    opened(fd, AT_FDCWD, name, flags);
    return fd;
}

int open64(const char *name, int flags, ...) {
    setup();
    va_list args;
    va_start(args, flags);
    mode_t mode = mode_of(flags, args);
    va_end(args);
    int fd = real_open64(name, flags, mode);
    opened(fd, AT_FDCWD, name, flags);
    return fd;
}

int openat(int dirfd, const char *name, int flags, ...) {
    setup();
    va_list args;
    va_start(args, flags);
    mode_t mode = mode_of(flags, args);
    va_end(args);
    int fd = real_openat(dirfd, name, flags, mode);
    opened(fd, dirfd, name, flags);
    return fd;
}

int openat64(int dirfd, const char *name, int flags, ...) {
    setup();
    va_list args;
    va_start(args, flags);
    mode_t mode = mode_of(flags, args);
    va_end(args);
    int fd = real_openat64(dirfd, name, flags, mode);
    opened(fd, dirfd, name, flags);
    return fd;
}

int close(int fd) {
    setup();
    if (fd >= 0 && fd < MAX_FD && watched[fd]) {
        char head[64];
        pthread_mutex_lock(&lock);
        watched[fd] = 0;
        snprintf(head, sizeof head, "C %d\n", fd);
        emit(head, NULL, 0);
        pthread_mutex_unlock(&lock);
    }
    return real_close(fd);
}

static void wrote(int fd, const void *data, ssize_t done, off_t offset) {
    char head[96];
    if (done <= 0) return;
    pthread_mutex_lock(&lock);
    snprintf(head, sizeof head, "W %d %lld %zd\n", fd, (long long)offset, done);
    emit(head, data, (size_t)done);
    pthread_mutex_unlock(&lock);
}

ssize_t write(int fd, const void *data, size_t len) {
    setup();
    if (fd == 1 && log_fd >= 0) {  /* what the writer reports as done */
        ssize_t done = real_write(fd, data, len);
        if (done > 0) {
            char head[64];
            pthread_mutex_lock(&lock);
            snprintf(head, sizeof head, "P %zd\n", done);
            emit(head, data, (size_t)done);
            pthread_mutex_unlock(&lock);
        }
        return done;
    }
    if (fd < 0 || fd >= MAX_FD || !watched[fd]) return real_write(fd, data, len);
    off_t at = lseek(fd, 0, SEEK_CUR);
    ssize_t done = real_write(fd, data, len);
    wrote(fd, data, done, at);
    return done;
}

ssize_t pwrite64(int fd, const void *data, size_t len, off_t offset) {
    setup();
    ssize_t done = real_pwrite64(fd, data, len, offset);
    if (fd >= 0 && fd < MAX_FD && watched[fd]) wrote(fd, data, done, offset);
    return done;
}

ssize_t pwrite(int fd, const void *data, size_t len, off_t offset) {
    return pwrite64(fd, data, len, offset);
}

static void synced(int fd) {
    if (fd < 0 || fd >= MAX_FD || !watched[fd] || forget_syncs) return;
    char head[64];
    pthread_mutex_lock(&lock);
    snprintf(head, sizeof head, "S %d\n", fd);
    emit(head, NULL, 0);
    pthread_mutex_unlock(&lock);
}

int fsync(int fd) {
    setup();
    int result = real_fsync(fd);
    if (result == 0) synced(fd);
    return result;
}

int fdatasync(int fd) {
    setup();
    int result = real_fdatasync(fd);
    if (result == 0) synced(fd);
    return result;
}

int ftruncate64(int fd, off_t length) {
    setup();
    int result = real_ftruncate64(fd, length);
    if (result == 0 && fd >= 0 && fd < MAX_FD && watched[fd]) {
        char head[96];
        pthread_mutex_lock(&lock);
        snprintf(head, sizeof head, "T %d %lld\n", fd, (long long)length);
        emit(head, NULL, 0);
        pthread_mutex_unlock(&lock);
    }
    return result;
}

int ftruncate(int fd, off_t length) { return ftruncate64(fd, length); }

static void renamed(int olddir, const char *old, int newdir, const char *new) {
    char from[PATH_MAX], to[PATH_MAX], head[2 * PATH_MAX + 16];
    resolve(olddir, old, from);
    resolve(newdir, new, to);
    if (!under_watch(from) && !under_watch(to)) return;
    pthread_mutex_lock(&lock);
    snprintf(head, sizeof head, "R %s\n%s\n", from, to);
    emit(head, NULL, 0);
    pthread_mutex_unlock(&lock);
}

int rename(const char *old, const char *new) {
    setup();
    int result = real_rename(old, new);
    if (result == 0) renamed(AT_FDCWD, old, AT_FDCWD, new);
    return result;
}

int renameat(int olddir, const char *old, int newdir, const char *new) {
    setup();
    int result = real_renameat(olddir, old, newdir, new);
    if (result == 0) renamed(olddir, old, newdir, new);
    return result;
}

int renameat2(int olddir, const char *old, int newdir, const char *new, unsigned int flags) {
    setup();
    int result = real_renameat2(olddir, old, newdir, new, flags);
    if (result == 0) renamed(olddir, old, newdir, new);
    return result;
}

static void unlinked(int dirfd, const char *name) {
    char path[PATH_MAX], head[PATH_MAX + 8];
    resolve(dirfd, name, path);
    if (!under_watch(path)) return;
    pthread_mutex_lock(&lock);
    snprintf(head, sizeof head, "U %s\n", path);
    emit(head, NULL, 0);
    pthread_mutex_unlock(&lock);
}

int unlink(const char *name) {
    setup();
    char path[PATH_MAX];
    resolve(AT_FDCWD, name, path);  /* before: a relative name can't be resolved after */
    int result = real_unlink(name);
    if (result == 0 && under_watch(path)) unlinked(AT_FDCWD, path);
    return result;
}

int unlinkat(int dirfd, const char *name, int flags) {
    setup();
    char path[PATH_MAX];
    resolve(dirfd, name, path);
    int result = real_unlinkat(dirfd, name, flags);
    if (result == 0 && under_watch(path)) unlinked(AT_FDCWD, path);
    return result;
}
