#ifndef STRATA_SCAN_H
#define STRATA_SCAN_H

#include <stdint.h>

/// Finds the field ends of up to `max_rows` records of a CSV text, 32 bytes at a time: the
/// structural pass of the loader's block path (StrataCore's `CSVFusedBlock`).
///
/// Records are indexed from `start` while each one starts before `soft_end`. A record is
/// indexed only if it is complete and plain: exactly `columns` fields (at least two), no
/// quote anywhere in it, and it ends with `\n` or `\r\n`. The first record that is not stops
/// the index, as does a record that runs past `count` or `start + 2^31`.
///
/// For record `r` (counted from 0) and field `c`, `ends[r * columns + c]` is the offset from
/// `start` of the byte after the field (its delimiter, `\r` or `\n`). `starts[r]` is the
/// offset of record `r`'s first byte; `starts[rows]` is where the next record starts.
/// `ends` holds `max_rows * columns + 32` entries (the scan may write a few beyond the
/// records it returns), `starts` `max_rows + 1`.
///
/// Returns the number of records indexed: at least one when the first record is plain, and
/// possibly fewer than all the plain ones (a record that crosses `soft_end` or a quote in a
/// later record may end the index early; the caller then calls again from where it ended).
int64_t strata_csv_index(const uint8_t *base, int64_t start, int64_t count, int64_t soft_end,
                         uint8_t delimiter, int64_t columns, int64_t max_rows,
                         uint32_t *ends, uint32_t *starts);

#endif
