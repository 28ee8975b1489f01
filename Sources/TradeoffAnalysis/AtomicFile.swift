import Foundation

/// Writes files so that an interrupted run never leaves a truncated file: the bytes go to a temporary file
/// in the same folder, which is then renamed over the target (rename is atomic within one file system).
public enum AtomicFile {
    /// Errors writing a file.
    public enum WriteError: Error, Equatable, Sendable {
        /// The folder could not be created or the temporary file not written (the system's message).
        case writeFailed(path: String, reason: String)
    }

    /// Writes `data` to `url` atomically.
    public static func write(_ data: Data, to url: URL) throws(WriteError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw WriteError.writeFailed(path: url.path, reason: String(cString: strerror(errno)))
            }
        } catch let error as WriteError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError.writeFailed(path: url.path, reason: "\(error.localizedDescription)")
        }
    }

    /// Writes UTF-8 text to `url` atomically.
    public static func write(_ text: String, to url: URL) throws(WriteError) {
        try write(Data(text.utf8), to: url)
    }
}
