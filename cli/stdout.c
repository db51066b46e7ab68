/* See LICENSE file for copyright and license details. */
/*
 * Standard output for the programs: one buffered writer, and the fds a
 * program may have been started without. The library has none of this.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/io.h"

static struct buf stdout_buf;
static int stdout_closed;
struct buf *out = &stdout_buf;

void
io_init(void)
{
	/*
	 * Started with a standard descriptor closed? Then fill it, lowest
	 * first (open returns the lowest free one), so that a file we open
	 * cannot become our input or output: fd 0 reads /dev/null (empty
	 * input), fd 2 writes to it, and fd 1 holds a read-only /dev/null, so
	 * every write fails and we report the write error at exit even when
	 * nothing was written.
	 */
	if (fcntl(0, F_GETFD) == -1 && open("/dev/null", O_RDONLY) != 0)
		_exit(1);
	if (fcntl(1, F_GETFD) == -1) {
		stdout_closed = 1;
		if (open("/dev/null", O_RDONLY) != 1)
			io_write_error(EBADF);
	}
	if (fcntl(2, F_GETFD) == -1 && open("/dev/null", O_WRONLY) != 2)
		_exit(1);
	buf_init_fd(&stdout_buf, 1, IO_BLKSIZE);
}

int
io_close_stdout(void)
{
	buf_flush(&stdout_buf);
	if (stdout_closed)
		io_write_error(EBADF);
	if (close(1) < 0 && errno != EINTR)
		io_write_error(errno);
	return 0;
}

