#include "strata_scan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// The walk over one record's structural bytes: what the index has seen so far.
typedef struct {
    const uint8_t *base;
    int64_t start;
    int64_t limit;
    int64_t soft_end;
    int64_t columns;
    int64_t max_rows;
    uint32_t *ends;
    uint32_t *starts;
    uint8_t delimiter;
    int64_t rows;
    int64_t field;
    /// A `\r` ended the last field; the `\n` right after it ends the record.
    int pending_cr;
} Index;

enum { STEP_GO = 0, STEP_STOP = 1 };

/// Takes the structural byte at `position`; STEP_STOP when the index ends before it.
static inline int step(Index *index, int64_t position) {
    uint8_t byte = index->base[position];
    uint32_t offset = (uint32_t)(position - index->start);
    if (byte == index->delimiter) {
        if (index->pending_cr || index->field + 1 >= index->columns) return STEP_STOP;
        index->ends[index->rows * index->columns + index->field] = offset;
        index->field += 1;
        return STEP_GO;
    }
    if (byte == '\n') {
        if (!index->pending_cr) {
            if (index->field + 1 != index->columns) return STEP_STOP;
            index->ends[index->rows * index->columns + index->field] = offset;
        }
        index->pending_cr = 0;
        index->field = 0;
        index->rows += 1;
        index->starts[index->rows] = offset + 1;
        if (index->rows == index->max_rows || position + 1 >= index->soft_end) return STEP_STOP;
        return STEP_GO;
    }
    if (byte == '\r' && !index->pending_cr && index->field + 1 == index->columns
        && position + 1 < index->limit && index->base[position + 1] == '\n') {
        index->ends[index->rows * index->columns + index->field] = offset;
        index->pending_cr = 1;
        return STEP_GO;
    }
    // A quote, a lone `\r`, or a `\r` where no record may end.
    return STEP_STOP;
}

int64_t strata_csv_index(const uint8_t *base, int64_t start, int64_t count, int64_t soft_end,
                         uint8_t delimiter, int64_t columns, int64_t max_rows,
                         uint32_t *ends, uint32_t *starts) {
    if (columns < 2 || max_rows < 1 || start >= count || start >= soft_end) return 0;
    if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') return 0;
    Index index = {
        .base = base, .start = start, .limit = count, .soft_end = soft_end, .columns = columns,
        .max_rows = max_rows, .ends = ends, .starts = starts, .delimiter = delimiter,
        .rows = 0, .field = 0, .pending_cr = 0,
    };
    if (index.limit - start > INT32_MAX) index.limit = start + INT32_MAX;
    starts[0] = 0;
    int64_t cursor = start;
#if defined(__SSE2__)
    const __m128i delimiters = _mm_set1_epi8((char)delimiter);
    const __m128i line_feeds = _mm_set1_epi8('\n');
    const __m128i returns = _mm_set1_epi8('\r');
    const __m128i quotes = _mm_set1_epi8('"');
    while (cursor + 16 <= index.limit) {
        __m128i bytes = _mm_loadu_si128((const __m128i *)(base + cursor));
        __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, delimiters), _mm_cmpeq_epi8(bytes, line_feeds)),
                                    _mm_or_si128(_mm_cmpeq_epi8(bytes, returns), _mm_cmpeq_epi8(bytes, quotes)));
        uint32_t mask = (uint32_t)_mm_movemask_epi8(hits);
        uint32_t rare = (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(bytes, returns),
                                                                 _mm_cmpeq_epi8(bytes, quotes)));
        if (rare != 0 || index.pending_cr) {
            while (mask != 0) {
                int64_t position = cursor + __builtin_ctz(mask);
                if (step(&index, position) == STEP_STOP) return index.rows;
                mask &= mask - 1;
            }
        } else {
            // Only delimiters and line feeds: each must fall where the field count says.
            uint32_t line_feeds_here = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, line_feeds));
            int64_t last = columns - 1;
            while (mask != 0) {
                int bit = __builtin_ctz(mask);
                uint32_t offset = (uint32_t)(cursor + bit - start);
                int is_line_feed = (line_feeds_here >> bit) & 1;
                if (is_line_feed != (index.field == last)) return index.rows;
                ends[index.rows * columns + index.field] = offset;
                if (is_line_feed) {
                    index.field = 0;
                    index.rows += 1;
                    starts[index.rows] = offset + 1;
                    if (index.rows == max_rows || cursor + bit + 1 >= soft_end) return index.rows;
                } else {
                    index.field += 1;
                }
                mask &= mask - 1;
            }
        }
        cursor += 16;
    }
#endif
    for (; cursor < index.limit; cursor++) {
        uint8_t byte = base[cursor];
        if (byte == delimiter || byte == '\n' || byte == '\r' || byte == '"') {
            if (step(&index, cursor) == STEP_STOP) return index.rows;
        }
    }
    // The text ended inside a record: that record is left to the caller.
    return index.rows;
}
