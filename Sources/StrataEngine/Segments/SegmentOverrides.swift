import StrataCore

/// Applying manual overrides to computed members: for each key the latest override wins
/// (added, then removed → removed).
enum SegmentOverrides {
    /// `keys` (with `labels`) after `overrides`; added keys get the label `manual`.
    /// - Complexity: O(members + override keys), plus a sort when keys are added.
    static func apply(_ overrides: [SegmentOverride], to keys: SegmentKeys, labels: [String]?) -> (SegmentKeys, [String]?) {
        guard !overrides.isEmpty else { return (keys, labels) }
        var last: [String: SegmentOverride.Action] = [:]
        var order: [String] = []
        for override in overrides {
            for key in override.keys {
                if last.updateValue(override.action, forKey: key) == nil { order.append(key) }
            }
        }
        let added = order.filter { last[$0] == .add }
        let removed = Set(order.filter { last[$0] == .remove })
        switch keys {
        case .integers(let values):
            let removedIntegers = Set(removed.compactMap { Int64($0) })
            let addedIntegers = added.compactMap { Int64($0) }
            return merge(values, labels: labels, removing: removedIntegers, adding: addedIntegers).map { .integers($0) }
        case .strings(let values):
            return merge(values, labels: labels, removing: removed, adding: added).map { .strings($0) }
        }
    }

    private static func merge<K: Hashable & Comparable>(_ values: [K], labels: [String]?, removing: Set<K>, adding: [K])
        -> Merged<K> {
        var keptKeys: [K] = []
        var keptLabels: [String] = []
        keptKeys.reserveCapacity(values.count + adding.count)
        for (index, key) in values.enumerated() where !removing.contains(key) {
            keptKeys.append(key)
            if let labels { keptLabels.append(labels[index]) }
        }
        if adding.isEmpty { return Merged(keys: keptKeys, labels: labels == nil ? nil : keptLabels) }
        let present = Set(keptKeys)
        for key in adding where !present.contains(key) {
            keptKeys.append(key)
            if labels != nil { keptLabels.append("manual") }
        }
        let order = keptKeys.indices.sorted { keptKeys[$0] < keptKeys[$1] }
        return Merged(keys: order.map { keptKeys[$0] }, labels: labels == nil ? nil : order.map { keptLabels[$0] })
    }

    private struct Merged<K> {
        var keys: [K]
        var labels: [String]?

        func map(_ wrap: ([K]) -> SegmentKeys) -> (SegmentKeys, [String]?) { (wrap(keys), labels) }
    }

    /// Whether a key (as text) is among `keys`.
    static func contains(_ keys: SegmentKeys, _ text: String) -> Bool {
        switch keys {
        case .integers(let values):
            guard let key = Int64(text) else { return false }
            return binarySearch(values, key)
        case .strings(let values):
            return binarySearch(values, text)
        }
    }

    static func binarySearch<K: Comparable>(_ sorted: [K], _ key: K) -> Bool {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == key
    }
}
