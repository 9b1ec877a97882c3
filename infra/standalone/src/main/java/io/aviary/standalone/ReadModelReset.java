package io.aviary.standalone;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes the projections replay {@code aviary.events} from offset 0 on their next start, by deleting their consumer
 * group's committed offsets (a new group starts at the earliest offset). Used when the read models were dropped.
 */
final class ReadModelReset {

    /** The projections' consumer group ({@code spring.kafka.consumer.group-id} of the projections app). */
    static final String PROJECTIONS_GROUP = "aviary-projections";

    private ReadModelReset() {
    }

    static void replayFromStart(String kafkaBootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap))) {
            admin.deleteConsumerGroups(List.of(PROJECTIONS_GROUP)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new IllegalStateException("cannot reset the projections' offsets: " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot reset the projections' offsets: Kafka did not answer in 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
