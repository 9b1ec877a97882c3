package io.aviary.command.security;

import io.aviary.events.user.Role;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Role names to {@link Role}s and back. Names match exactly (upper case), unknown names are ignored: an identity
 * provider's role "admin" meant for something else does not become Aviary's ADMIN by accident.
 */
public final class Roles {

    private Roles() {
    }

    public static Optional<Role> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Role.valueOf(name));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    public static Set<Role> parseAll(Collection<?> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object name : names) {
            parse(String.valueOf(name)).ifPresent(roles::add);
        }
        return roles;
    }

    /** Sorted role names, for claims and answers. */
    public static List<String> names(Collection<Role> roles) {
        return roles.stream().sorted().map(Role::name).toList();
    }
}
