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

/// The exact index: every structural byte is checked where it stands.
static int64_t index_exact(const uint8_t *base, int64_t start, int64_t count, int64_t soft_end,
                           uint8_t delimiter, int64_t columns, int64_t max_rows,
                           uint32_t *ends, uint32_t *starts) {
    Index index = {
        .base = base, .start = start, .limit = count, .soft_end = soft_end, .columns = columns,
        .max_rows = max_rows, .ends = ends, .starts = starts, .delimiter = delimiter,
        .rows = 0, .field = 0, .pending_cr = 0,
    };
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
        while (mask != 0) {
            int64_t position = cursor + __builtin_ctz(mask);
            if (step(&index, position) == STEP_STOP) return index.rows;
            mask &= mask - 1;
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

#if defined(__SSE2__)
/// How many bytes equal to `byte` lie in `[from, to)`: matches are summed per byte lane
/// (each compare gives −1) and the lanes added up every 255 blocks, before one can wrap.
static int64_t count_byte(const uint8_t *base, int64_t from, int64_t to, uint8_t byte) {
    const __m128i pattern = _mm_set1_epi8((char)byte);
    const __m128i zero = _mm_setzero_si128();
    int64_t total = 0;
    int64_t cursor = from;
    while (cursor + 16 <= to) {
        __m128i lanes = zero;
        for (int block = 0; block < 255 && cursor + 16 <= to; block++, cursor += 16) {
            __m128i bytes = _mm_loadu_si128((const __m128i *)(base + cursor));
            lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(bytes, pattern));
        }
        __m128i sums = _mm_sad_epu8(lanes, zero);
        total += _mm_cvtsi128_si32(sums) + _mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
    }
    for (; cursor < to; cursor++) total += base[cursor] == byte;
    return total;
}

/// The fast index: the ends of all fields are written in a row, 32 bytes at a time, with no
/// check per field; the records are checked afterwards. Each record's last field must end at
/// a line end (`\n`, or the `\r` of `\r\n` when the first record ends so), and the line ends
/// in the indexed records must number exactly the records: then no field holds a line end
/// and every other end is a delimiter. Blocks of 32 bytes holding a quote (or a `\r` in a
/// `\n` file) end the scan. Returns the records indexed, or −1 when the checks fail (the
/// exact index then decides).
static int64_t index_fast(const uint8_t *base, int64_t start, int64_t limit, int64_t soft_end,
                          uint8_t delimiter, int64_t columns, int64_t max_rows,
                          uint32_t *ends, uint32_t *starts) {
    // The first line end decides the line ending this call expects. The search stops at the
    // first `\r` too: a file of lone `\r` line ends (no `\n` at all) is the exact index's
    // to refuse, record by record, not a search to the end of the text on every call.
    int64_t first_line_end = start;
    while (first_line_end < limit && base[first_line_end] != '\n' && base[first_line_end] != '\r') first_line_end++;
    if (first_line_end == limit) return 0;
    int crlf = base[first_line_end] == '\r';
    if (crlf && (first_line_end + 1 >= limit || base[first_line_end + 1] != '\n')) return 0;
    const uint8_t line_byte = crlf ? '\r' : '\n';
    const __m128i delimiters = _mm_set1_epi8((char)delimiter);
    const __m128i lines = _mm_set1_epi8((char)line_byte);
    const __m128i quotes = _mm_set1_epi8('"');
    const __m128i others = _mm_set1_epi8(crlf ? '"' : '\r');
    const int64_t wanted = max_rows * columns;
    // Past this offset no record may start: later fields are not needed.
    const int64_t scan_end = soft_end < limit ? soft_end : limit;
    int64_t fields = 0;
    int64_t cursor = start;
    // 32 bytes a step: two 16-byte halves whose masks make one 32-bit mask.
    while (cursor + 32 <= limit && fields < wanted && cursor < scan_end) {
        __m128i low = _mm_loadu_si128((const __m128i *)(base + cursor));
        __m128i high = _mm_loadu_si128((const __m128i *)(base + cursor + 16));
        __m128i rare = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(low, quotes), _mm_cmpeq_epi8(low, others)),
                                    _mm_or_si128(_mm_cmpeq_epi8(high, quotes), _mm_cmpeq_epi8(high, others)));
        if (_mm_movemask_epi8(rare) != 0) break;
        uint32_t mask = (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(low, delimiters),
                                                                 _mm_cmpeq_epi8(low, lines)))
            | (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(high, delimiters),
                                                       _mm_cmpeq_epi8(high, lines))) << 16;
        uint32_t offset = (uint32_t)(cursor - start);
        uint32_t *out = ends + fields;
        while (mask != 0) {
            *out++ = offset + (uint32_t)__builtin_ctz(mask);
            mask &= mask - 1;
        }
        fields = out - ends;
        cursor += 32;
    }
    int64_t rows = fields / columns;
    if (rows > max_rows) rows = max_rows;
    starts[0] = 0;
    for (int64_t row = 0; row < rows; row++) {
        uint32_t end = ends[row * columns + columns - 1];
        if (base[start + end] != line_byte || (crlf && (start + end + 1 >= limit || base[start + end + 1] != '\n'))) {
            rows = row;
            break;
        }
        starts[row + 1] = end + 1 + (uint32_t)crlf;
    }
    while (rows > 0 && start + starts[rows - 1] >= soft_end) rows--;
    if (rows == 0) return 0;
    int64_t end = start + starts[rows];
    if (count_byte(base, start, end, '\n') != rows) return -1;
    if (crlf && count_byte(base, start, end, '\r') != rows) return -1;
    return rows;
}
#endif

int64_t strata_csv_index(const uint8_t *base, int64_t start, int64_t count, int64_t soft_end,
                         uint8_t delimiter, int64_t columns, int64_t max_rows,
                         uint32_t *ends, uint32_t *starts) {
    if (columns < 2 || max_rows < 1 || start >= count || start >= soft_end) return 0;
    if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') return 0;
    int64_t limit = count - start > INT32_MAX ? start + INT32_MAX : count;
#if defined(__SSE2__)
    int64_t rows = index_fast(base, start, limit, soft_end, delimiter, columns, max_rows, ends, starts);
    if (rows > 0) return rows;
#endif
    return index_exact(base, start, limit, soft_end, delimiter, columns, max_rows, ends, starts);
}
