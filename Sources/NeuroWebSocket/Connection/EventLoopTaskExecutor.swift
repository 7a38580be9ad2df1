import NIOCore

/// Runs a task's jobs on one event loop: a task that prefers it
/// (`withTaskExecutorPreference`) and reads and writes a channel of that loop hops no thread
/// between the socket and its code.
///
/// The loop's group must outlive every task that prefers it: a job enqueued on a loop that has
/// shut down is dropped, and its task never resumes. (The default group,
/// `MultiThreadedEventLoopGroup.singleton`, never shuts down.)
public final class EventLoopTaskExecutor: TaskExecutor {
    /// The loop the jobs run on.
    public let eventLoop: any EventLoop

    /// Creates an executor for `eventLoop`.
    public init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
