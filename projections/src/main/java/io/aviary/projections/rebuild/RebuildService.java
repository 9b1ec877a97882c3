package io.aviary.projections.rebuild;

import com.mongodb.client.MongoDatabase;
import io.aviary.projections.apply.ReadModel;
import io.aviary.projections.kafka.CloudEventDecoder;
import io.aviary.projections.kafka.ProjectionSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts rebuilds (one at a time per read model, each on a thread of its own) and answers their progress. The
 * progress of the last rebuild of each model stays until the next one starts or the app stops.
 */
@Component
public class RebuildService implements DisposableBean {

    private static final Pattern REBUILD_COLLECTION = Pattern.compile(".+__rebuild_(\\d+)");

    private final MongoDatabase database;
    private final ConsumerFactory<?, ?> kafka;
    private final ProjectionSettings projection;
    private final RebuildSettings settings;
    private final CloudEventDecoder decoder;
    private final LiveProjection live;
    private final Map<ReadModel, RebuildRun> runs = new EnumMap<>(ReadModel.class);
    private final AtomicInteger lastNumber = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "aviary-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public RebuildService(MongoDatabase database, ConsumerFactory<?, ?> kafka, ProjectionSettings projection,
                          RebuildSettings settings, CloudEventDecoder decoder, LiveProjection live) {
        this.database = database;
        this.kafka = kafka;
        this.projection = projection;
        this.settings = settings;
        this.decoder = decoder;
        this.live = live;
    }

    /**
     * Starts a rebuild of the named read model.
     *
     * @throws UnknownReadModelException       no read model has this name
     * @throws RebuildAlreadyRunningException a rebuild of it is running
     */
    public synchronized RebuildProgress start(String name) {
        ReadModel model = ReadModel.byName(name).orElseThrow(() -> new UnknownReadModelException(name));
        RebuildRun current = runs.get(model);
        if (current != null && current.running()) {
            throw new RebuildAlreadyRunningException(current.progress());
        }
        int number = nextNumber();
        // the live consumer's connection settings (bootstrap, security); the reader drops the group
        Map<String, Object> consumer = new HashMap<>(kafka.getConfigurationProperties());
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "aviary-rebuild-" + model.modelName() + "-" + number);
        RebuildRun run = new RebuildRun(model, number, database,
                () -> new EventLogReader(consumer, projection.topic(), settings.batchSize(), settings.pollTimeout()),
                decoder, live, settings.logInterval(), Clock.systemUTC());
        runs.put(model, run);
        threads.execute(run);
        return run.progress();
    }

    /** The last rebuild's progress, or IDLE. */
    public synchronized RebuildProgress progress(String name) {
        ReadModel model = ReadModel.byName(name).orElseThrow(() -> new UnknownReadModelException(name));
        RebuildRun run = runs.get(model);
        return run == null ? RebuildProgress.idle(model.modelName()) : run.progress();
    }

    /** Higher than any {@code __rebuild_<n>} collection in the database, so a leftover is never reused. */
    private int nextNumber() {
        int highest = lastNumber.get();
        for (String name : database.listCollectionNames().into(new ArrayList<>())) {
            Matcher matcher = REBUILD_COLLECTION.matcher(name);
            if (matcher.matches()) {
                highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
            }
        }
        lastNumber.set(highest + 1);
        return highest + 1;
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }
}
