import Dispatch
import Foundation

extension PageServer {
    /// Runs the server on a background task until SIGINT/SIGTERM, calling
    /// `listening` with the bound port once it accepts connections.
    ///
    /// Every edit is already on disk when its request is answered, so
    /// stopping here loses nothing.
    public func serveUntilInterrupted(listening: @escaping @Sendable (UInt16) -> Void) throws {
        let done = DispatchSemaphore(value: 0)
        let failure = ErrorBox(), stopping = ErrorBox()
        let runner = Task {
            // Stopping makes FlyingFox's accept loop throw; that is the normal end, not a failure.
            do { try await self.run() } catch { if stopping.value == nil { failure.set(error) } }
            done.signal()
        }
        Task {
            do { listening(try await self.port()) } catch { failure.set(error); runner.cancel(); done.signal() }
        }
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { stopping.set(CancellationError()); Task { await self.stop() } }
            source.resume()
            sources.append(source)
        }
        done.wait()
        sources.forEach { $0.cancel() }
        if let error = failure.value { throw error }
    }
}

/// One error handed from a task back to the blocked caller.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?
    func set(_ e: any Error) { lock.lock(); if stored == nil { stored = e }; lock.unlock() }
    var value: (any Error)? { lock.lock(); defer { lock.unlock() }; return stored }
}
