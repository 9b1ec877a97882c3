package io.aviary.command.account;

import jakarta.annotation.security.RolesAllowed;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * The accounting dead-letter queue for operators: which events could not be accounted and why, and a retry once the
 * cause is fixed (a retried event that fails again stays parked, with its new cause).
 */
@RestController
public class AccountingDeadLetterController {

    static final String PATH = "/api/v1/admin/dead-letters/accounting";

    /** Sequences a retry goes through at most, so one request stays short; call again for the rest. */
    static final int MAX_SEQUENCES_PER_RETRY = 100;

    private final EventProcessingConfiguration processing;

    public AccountingDeadLetterController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** Parked events, grouped by sequence (a task or a worker), oldest first within each. */
    @GetMapping(PATH)
    @RolesAllowed({"ADMIN", "ACCOUNTANT"})
    public DeadLettersResponse list() {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue();
        List<List<DeadLetterView>> sequences = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            List<DeadLetterView> letters = new ArrayList<>();
            sequence.forEach(letter -> letters.add(DeadLetterView.of(letter)));
            sequences.add(letters);
        }
        return new DeadLettersResponse(queue.size(), sequences);
    }

    /** Handles the parked sequences again, each from its oldest event; answers what is left. */
    @PostMapping(PATH + ":retry")
    @RolesAllowed({"ADMIN", "ACCOUNTANT"})
    public RetryResponse retry() {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(AccountingProcess.PROCESSING_GROUP)
                .orElseThrow(() -> new IllegalStateException("the accounting processor has no dead-letter queue"));
        long before = queue().size();
        int sequences = 0;
        while (sequences < MAX_SEQUENCES_PER_RETRY && queue().amountOfSequences() > 0 && processor.processAny()) {
            sequences++;
        }
        long after = queue().size();
        return new RetryResponse(before - after, after);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue() {
        return processing.deadLetterQueue(AccountingProcess.PROCESSING_GROUP)
                .orElseThrow(() -> new IllegalStateException("the accounting processor has no dead-letter queue"));
    }

    /** @param parked events parked in all; @param sequences the parked events by sequence */
    public record DeadLettersResponse(long parked, List<List<DeadLetterView>> sequences) {
    }

    /** @param accounted events accounted by this retry; @param parked events still parked */
    public record RetryResponse(long accounted, long parked) {
    }
}
