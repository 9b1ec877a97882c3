package io.aviary.query.account;

import io.aviary.events.user.Role;

import java.util.Set;

/**
 * Who may read an account: accountants and admins every account, a person with role WORKER only the account of
 * their own worker. Method security has let only these roles in; this is the per-resource rule on top.
 */
final class AccountAccess {

    private AccountAccess() {
    }

    /**
     * @param principalWorkerId the caller's worker id (token claim {@code workerId}), or {@code null}
     * @param roles             the caller's roles
     * @param workerId          the worker whose account is asked for
     */
    static boolean mayRead(String principalWorkerId, Set<Role> roles, String workerId) {
        if (roles.contains(Role.ACCOUNTANT) || roles.contains(Role.ADMIN)) {
            return true;
        }
        return roles.contains(Role.WORKER) && principalWorkerId != null && principalWorkerId.equals(workerId);
    }
}
