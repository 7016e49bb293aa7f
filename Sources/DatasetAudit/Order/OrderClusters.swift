import Foundation
import DmanCore

/// The cluster of every record id, written by `dman audit --order` as
/// `order-clusters.json` beside `dataset.json`, so a trainer can derive the
/// balanced order of any epoch (``BatchOrder/ids(forEpoch:order:clusters:allIDs:)``)
/// without auditing again.
public struct OrderClusters: Sendable, Codable, Equatable {
    public static let fileName = "order-clusters.json"

    public var format = "dman-order-clusters"
    public var version = 1
    /// Record id → cluster name (the smallest family name in the cluster).
    public var clusters: [String: String]

    public init(clusters: [String: String]) { self.clusters = clusters }

    /// Reads the file of a dataset folder.
    public static func load(folder: URL) throws(AuditError) -> OrderClusters {
        let url = folder.appendingPathComponent(fileName)
        do {
            return try JSONDecoder().decode(OrderClusters.self, from: Data(contentsOf: url))
        } catch {
            throw .unreadableDataset(path: url.path, reason: JSONDiagnostics.describe(error))
        }
    }

    /// Writes the file atomically.
    public func save(folder: URL) throws(AuditError) {
        let url = folder.appendingPathComponent(Self.fileName)
        do {
            try AtomicFile.write(try DatasetFolder.encoder.encode(self) + Data("\n".utf8), to: url)
        } catch {
            throw .write(path: url.path, reason: "\(error)")
        }
    }
}

extension BatchOrder {
    /// The order for epoch `e` of a dataset folder's stored order: what a
    /// trainer calls each epoch (epoch 0 is `order.ids`).
    ///
    ///     let doc = try DatasetFolder(url).load()
    ///     let clusters = try OrderClusters.load(folder: url)
    ///     let ids = BatchOrder.ids(forEpoch: 3, order: doc.order!, clusters: clusters)
    public static func ids(forEpoch e: Int, order: EpochOrder, clusters: OrderClusters) -> [String] {
        ids(forEpoch: e, order: order, clusters: clusters.clusters, allIDs: Array(clusters.clusters.keys))
    }

    /// Computes the balanced order of an audit's readable records, writes it
    /// into `dataset.json` (``EpochOrder``) and the clusters beside it, and
    /// returns the comparison with a uniform shuffle.
    public static func write(result: Auditor.Result, folder: URL, batch: Int, seed: UInt64,
                             cap: Int?) throws(AuditError) -> OrderSummary {
        guard var doc = result.document else {
            throw .invalidRequest("\(folder.path): a training order needs a dataset folder (dataset.json); a plain folder has no place to store it")
        }
        guard batch >= 1 else { throw .invalidValue(field: "batch", value: String(batch), rule: "must be 1 or more") }
        var clusters: [String: String] = [:]
        var ids: [String] = []
        for (k, item) in result.items.enumerated() where item.measures != nil {
            clusters[item.id] = result.duplicates.cluster[k]
            ids.append(item.id)
        }
        let order = balanced(ids: ids, clusters: clusters, batch: batch, seed: seed, cap: cap)
        var sizes: [String: Int] = [:]
        for id in ids { sizes[clusters[id]!, default: 0] += 1 }
        let capped = sizes.values.map { v in cap.map { min(v, $0) } ?? v }
        let shuffle = shuffled(ids: Array(order).sorted(), seed: seed)
        let summary = OrderSummary(batch: batch, seed: seed, cap: cap, images: order.count, clusters: sizes.count,
                                   feasible: isFeasible(clusterSizes: capped, batch: batch),
                                   shuffle: stats(shuffle, clusters: clusters, batch: batch),
                                   balanced: stats(order, clusters: clusters, batch: batch))
        doc.order = EpochOrder(batch: batch, seed: seed, ids: order, cap: cap)
        try Quarantine.withLock(folder) { () throws(AuditError) in
            try OrderClusters(clusters: clusters).save(folder: folder)
            do { try DatasetFolder(folder).save(doc) } catch { throw AuditError.write(path: folder.path, reason: "\(error)") }
        }
        return summary
    }
}
