package io.aviary.command.area;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.aviary.command.area.AreaTransitions.Action.DELETE;
import static io.aviary.command.area.AreaTransitions.Action.FIRE;
import static io.aviary.command.area.AreaTransitions.Action.PAUSE;
import static io.aviary.command.area.AreaTransitions.Action.RESUME;
import static io.aviary.command.area.AreaTransitions.Action.ROTATE_SECRET;
import static io.aviary.command.area.AreaTransitions.Action.UPDATE;

/**
 * Which command an AREA accepts in which state, in one table. Repeating a state change (pausing a paused AREA,
 * resuming an active one, deleting a deleted one) is not in the table: it is answered as done and changes nothing.
 * Recording the steps of an execution is accepted in every state: an execution fired before a pause or a delete
 * runs to its end.
 */
final class AreaTransitions {

    /** What a command does to an AREA. */
    enum Action {
        UPDATE, PAUSE, RESUME, DELETE, ROTATE_SECRET, FIRE
    }

    private static final Map<AreaState, Set<Action>> ALLOWED = new EnumMap<>(AreaState.class);

    static {
        ALLOWED.put(AreaState.ACTIVE, EnumSet.of(UPDATE, PAUSE, DELETE, ROTATE_SECRET, FIRE));
        ALLOWED.put(AreaState.PAUSED, EnumSet.of(UPDATE, RESUME, DELETE, ROTATE_SECRET));
        ALLOWED.put(AreaState.DELETED, EnumSet.noneOf(Action.class));
    }

    private AreaTransitions() {
    }

    static boolean isAllowed(AreaState state, Action action) {
        return ALLOWED.get(state).contains(action);
    }

    static Set<Action> allowedIn(AreaState state) {
        return Collections.unmodifiableSet(ALLOWED.get(state));
    }
}
