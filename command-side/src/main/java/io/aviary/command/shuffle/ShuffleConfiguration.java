package io.aviary.command.shuffle;

import io.aviary.command.dispatch.CatchUpSignal;
import io.aviary.command.dispatch.DispatchPolicy;
import io.aviary.command.dispatch.FleetView;
import io.aviary.command.web.CommandSender;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/** Wires the shuffle on the dispatcher's view and eligibility rule. */
@Configuration(proxyBeanMethods = false)
public class ShuffleConfiguration {

    @Bean
    public Shuffle shuffle(FleetView fleetView, CatchUpSignal fleetViewCatchUp, CommandSender commandSender,
                           ObjectProvider<Clock> clock) {
        // Each call draws from the calling thread's generator; tests construct Shuffle with a seeded one.
        RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();
        return new Shuffle(fleetView, fleetViewCatchUp, new ShufflePlanner(new DispatchPolicy()), commandSender,
                random, clock.getIfAvailable(Clock::systemUTC));
    }
}
