package io.aviary.benchmarks.sidebyside;

import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * JobRunr's counterpart of a {@code noop} task: a job request without data whose handler does nothing. The
 * request/handler API is JobRunr's path without lambda analysis (no bytecode parsing per enqueue).
 */
public class NoopJobRequest implements JobRequest {

    /** JobRunr stores the request as JSON and reads it back with this constructor. */
    public NoopJobRequest() {
    }

    @Override
    public Class<? extends JobRequestHandler<NoopJobRequest>> getJobRequestHandler() {
        return Handler.class;
    }

    /** Does nothing, as Aviary's {@code noop} executor. Instantiated by JobRunr's default activator. */
    public static class Handler implements JobRequestHandler<NoopJobRequest> {

        public Handler() {
        }

        @Override
        public void run(NoopJobRequest request) {
            // a no-op job
        }
    }
}
