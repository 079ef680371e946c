/* Reading inputs and writing outputs: see file-io.h. */
#include "file-io.h"

#include "lede.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_BLOCK (1 << 16)

gsize lede_input_limit(void)
{
	const char *s = g_getenv("LEDE_MAX_INPUT_BYTES");
	guint64 v;
	if (s && g_ascii_string_to_unsigned(s, 10, 1, LEDE_MAX_INPUT_BYTES, &v, NULL))
		return (gsize)v;
	return LEDE_MAX_INPUT_BYTES;
}

void lede_set_too_large(GError **error)
{
	/* not g_format_size: its no-break space and decimals read badly in a log */
	static const char *const units[] = {"bytes", "KiB", "MiB", "GiB"};
	gsize n = lede_input_limit();
	guint u = 0;
	while (u + 1 < G_N_ELEMENTS(units) && n % 1024 == 0) {
		n /= 1024;
		u++;
	}
	g_set_error(error, LEDE_ERROR, LEDE_ERROR_IO, "too large (limit %" G_GSIZE_FORMAT " %s)", n,
	            units[u]);
}

static gboolean set_errno(GError **error, int e)
{
	g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_IO, g_strerror(e));
	return FALSE;
}

gboolean lede_read_fd(int fd, gboolean stop_at_nul, char **data, gsize *len, GError **error)
{
	gsize limit = lede_input_limit();
	GStatBuf st;
	gsize cap = READ_BLOCK;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		if ((guint64)st.st_size > limit) { /* refused before a byte is read */
			lede_set_too_large(error);
			return FALSE;
		}
		/* room for the whole file and the read that finds its end */
		cap = (gsize)st.st_size + READ_BLOCK + 1;
	}
	char *buf = g_malloc(cap);
	gsize n = 0;
	for (;;) {
		if (cap - n < READ_BLOCK + 1) {
			cap = MAX(cap * 2, n + READ_BLOCK + 1);
			buf = g_realloc(buf, cap);
		}
		ssize_t got = read(fd, buf + n, READ_BLOCK);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;
			g_free(buf);
			return set_errno(error, e);
		}
		if (got == 0)
			break;
		gboolean nul = stop_at_nul && memchr(buf + n, '\0', (gsize)got);
		n += (gsize)got;
		if (nul)
			break;
		if (n > limit) {
			g_free(buf);
			lede_set_too_large(error);
			return FALSE;
		}
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return TRUE;
}

/* ---- writing ------------------------------------------------------------------- */

#define TMP_INFIX ".lede-tmp-"
/* Bytes of the target's name a temporary name repeats: with the dot, the
 * infix and six random characters it stays under NAME_MAX (255). */
#define TMP_NAME_KEEP 200
/* The kernel's own limit on links followed in one lookup. */
#define MAX_LINK_HOPS 40

/* The descriptor of this process that path names (/dev/stdout, /dev/fd/1,
 * /proc/self/fd/1), or -1. Opening such a path would start a new file
 * description at offset 0 (or truncate a file the shell opened for
 * appending): they are written through the descriptor itself. */
static int own_fd(const char *path)
{
	if (strcmp(path, "/dev/stdout") == 0)
		return STDOUT_FILENO;
	if (strcmp(path, "/dev/stderr") == 0)
		return STDERR_FILENO;
	static const char *const dirs[] = {"/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/"};
	const char *num = NULL;
	for (gsize i = 0; i < G_N_ELEMENTS(dirs) && !num; i++)
		if (g_str_has_prefix(path, dirs[i]))
			num = path + strlen(dirs[i]);
	char *pid_dir = g_strdup_printf("/proc/%ld/fd/", (long)getpid());
	if (!num && g_str_has_prefix(path, pid_dir))
		num = path + strlen(pid_dir);
	g_free(pid_dir);
	guint64 fd;
	if (!num || !g_ascii_string_to_unsigned(num, 10, 0, G_MAXINT, &fd, NULL))
		return -1;
	return (int)fd;
}

/* Follows the links of path's last component: the name a rename must
 * replace so that a link stays a link (as opening the path would write
 * through it). Stops at one of our own descriptors (*fd set) and inside
 * /proc and /dev/fd, whose links are not paths ("pipe:[1234]"). */
static char *resolve(const char *path, int *fd, gboolean *magic, GError **error)
{
	char *cur = g_strdup(path);
	*fd = -1;
	*magic = FALSE;
	for (int hops = 0;; hops++) {
		if ((*fd = own_fd(cur)) >= 0)
			return cur;
		if (g_str_has_prefix(cur, "/proc/") || g_str_has_prefix(cur, "/dev/fd/")) {
			*magic = TRUE;
			return cur;
		}
		char *link = g_file_read_link(cur, NULL);
		if (!link) /* not a link, or not there: this is the file */
			return cur;
		if (hops == MAX_LINK_HOPS) {
			g_free(link);
			g_free(cur);
			set_errno(error, ELOOP);
			return NULL;
		}
		if (!g_path_is_absolute(link)) {
			char *dir = g_path_get_dirname(cur);
			char *joined = g_build_filename(dir, link, NULL);
			g_free(dir);
			g_free(link);
			link = joined;
		}
		g_free(cur);
		cur = link;
	}
}

static gboolean write_all(int fd, const char *data, gsize len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, MIN(len, (gsize)1 << 30));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return FALSE;
		data += n;
		len -= (gsize)n;
	}
	return TRUE;
}

/* A device, a FIFO (which waits for its reader, as a shell's redirection
 * does) or a /proc link: opened without O_CREAT or O_TRUNC, which mean
 * nothing to them. Only a regular file found there after all (it changed
 * since stat, or a link led to one) is truncated. */
static gboolean write_in_place(const char *path, const char *data, gsize len, GError **error)
{
	int fd = g_open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC, 0);
	if (fd < 0)
		return set_errno(error, errno);
	GStatBuf st;
	gboolean ok = fstat(fd, &st) == 0 && (!S_ISREG(st.st_mode) || ftruncate(fd, 0) == 0) &&
	              write_all(fd, data, len);
	int e = errno;
	if (close(fd) != 0 && ok) {
		e = errno;
		ok = FALSE;
	}
	return ok ? TRUE : set_errno(error, e);
}

static char *tmp_prefix(const char *base)
{
	return g_strdup_printf(".%.*s" TMP_INFIX, TMP_NAME_KEEP, base);
}

static gboolean same_file(const GStatBuf *a, const GStatBuf *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Removes the temporary files of base in dir that a killed run left: ours
 * (or any, as root), regular, and locked by nobody, since a writer holds
 * its lock from before its file can be seen until after its rename. */
static void remove_stale(const char *dir, const char *base)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	if (!d)
		return;
	char *prefix = tmp_prefix(base);
	gsize plen = strlen(prefix);
	uid_t me = geteuid();
	const char *name;
	while ((name = g_dir_read_name(d))) {
		if (strncmp(name, prefix, plen) != 0 || strlen(name) != plen + 6)
			continue;
		char *path = g_build_filename(dir, name, NULL);
		/* never through a link; a FIFO planted there must not block us */
		int fd = g_open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0);
		GStatBuf st, now;
		if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    (st.st_uid == me || me == 0) && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
		    g_lstat(path, &now) == 0 && same_file(&st, &now))
			g_unlink(path);
		if (fd >= 0)
			close(fd);
		g_free(path);
	}
	g_free(prefix);
	g_dir_close(d);
}

/* A new temporary file beside target, locked; NULL with errno set. */
static char *make_temp(const char *dir, const char *base, mode_t mode, int *fd_out)
{
	char *prefix = tmp_prefix(base);
	for (int attempt = 0; attempt < 100; attempt++) {
		char *tmpl = g_strconcat(dir, G_DIR_SEPARATOR_S, prefix, "XXXXXX", NULL);
		int fd = g_mkstemp_full(tmpl, O_RDWR | O_CLOEXEC, (int)mode);
		if (fd < 0) {
			int e = errno;
			g_free(tmpl);
			g_free(prefix);
			errno = e;
			return NULL;
		}
		/* A cleaner may have taken the file for stale between its creation
		 * and our lock: then its name is gone and we try another. */
		GStatBuf st, now;
		if (flock(fd, LOCK_EX) == 0 && fstat(fd, &st) == 0 && g_lstat(tmpl, &now) == 0 &&
		    same_file(&st, &now)) {
			g_free(prefix);
			*fd_out = fd;
			return tmpl;
		}
		close(fd);
		g_free(tmpl);
	}
	g_free(prefix);
	errno = EEXIST;
	return NULL;
}

/* The old file's owner, group and mode on the temporary one. A user may
 * not give a file away (EPERM): then the group alone, if it is one of
 * theirs, and the file stays the writer's. chmod comes last, as chown
 * clears set-id bits. */
static gboolean copy_attributes(int fd, const GStatBuf *old)
{
	GStatBuf st;
	if (fstat(fd, &st) != 0)
		return FALSE;
	if ((st.st_uid != old->st_uid || st.st_gid != old->st_gid) &&
	    fchown(fd, old->st_uid, old->st_gid) != 0) {
		int rc = fchown(fd, (uid_t)-1, old->st_gid);
		(void)rc; /* not a member of the group either: it stays ours */
	}
	return fchmod(fd, old->st_mode & 07777) == 0;
}

static void sync_dir(const char *dir)
{
	int fd = g_open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	if (fd >= 0) {
		(void)fsync(fd); /* the rename's durability; not every file system can */
		close(fd);
	}
}

static gboolean replace(const char *target, const GStatBuf *old, const char *data, gsize len,
                        GError **error)
{
	char *dir = g_path_get_dirname(target);
	char *base = g_path_get_basename(target);
	remove_stale(dir, base);
	int fd = -1;
	/* a new file: 0666 less the umask, as open(2) would make it */
	char *tmp = make_temp(dir, base, old ? 0600 : 0666, &fd);
	gboolean ok = tmp != NULL;
	int e = errno;
	if (ok) {
		/* The lock is held until the rename is done: closing first would let
		 * a concurrent run take the file for stale. */
		ok = (!old || copy_attributes(fd, old)) && write_all(fd, data, len) &&
		     fsync(fd) == 0 && g_rename(tmp, target) == 0;
		e = errno;
		if (!ok)
			g_unlink(tmp);
		if (close(fd) != 0 && ok) {
			e = errno;
			ok = FALSE;
		}
		if (ok)
			sync_dir(dir);
	}
	g_free(tmp);
	g_free(base);
	g_free(dir);
	return ok ? TRUE : set_errno(error, e);
}

gboolean lede_write_file(const char *path, const char *data, gsize len, GError **error)
{
	int fd;
	gboolean magic;
	char *target = resolve(path, &fd, &magic, error);
	if (!target)
		return FALSE;
	gboolean ok;
	GStatBuf st;
	if (fd >= 0) {
		/* what stdio holds for it comes first */
		if (fd == STDOUT_FILENO)
			fflush(stdout);
		ok = fcntl(fd, F_GETFD) != -1 && write_all(fd, data, len);
		if (!ok)
			set_errno(error, errno);
	} else if (magic) {
		ok = write_in_place(target, data, len, error);
	} else if (g_stat(target, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			ok = set_errno(error, EISDIR);
		else if (S_ISREG(st.st_mode))
			ok = replace(target, &st, data, len, error);
		else
			ok = write_in_place(target, data, len, error);
	} else if (errno == ENOENT) {
		ok = replace(target, NULL, data, len, error);
	} else {
		ok = set_errno(error, errno);
	}
	g_free(target);
	return ok;
}
