//go:build linux

package knowledge

/*
#include <malloc.h>
*/
import "C"

// This file assumes glibc (Debian, Ubuntu); on another libc, build with the
// !linux variant by removing it.

// beforeDictLoad makes glibc serve large blocks with mmap, so that the
// buffers cppjieba outgrows while loading its dictionaries go back to the
// system at once instead of piling up in the heap.
func beforeDictLoad() { C.mallopt(C.M_MMAP_THRESHOLD, 128*1024) }

// afterDictLoad returns the heap memory freed during the load to the system.
func afterDictLoad() { C.malloc_trim(0) }
