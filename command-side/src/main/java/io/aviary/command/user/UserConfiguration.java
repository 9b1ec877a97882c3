package io.aviary.command.user;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * {@link UserRoles} runs in a subscribing processor, inside the transaction that appends the user event, and a
 * failure there fails the command (Axon's default would only log it): the roles table and the event store commit
 * together or not at all.
 */
@Configuration(proxyBeanMethods = false)
class UserConfiguration {

    @Autowired
    void configureUserRolesProcessor(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(UserRoles.PROCESSING_GROUP);
        processing.registerListenerInvocationErrorHandler(UserRoles.PROCESSING_GROUP,
                config -> PropagatingErrorHandler.instance());
    }
}
