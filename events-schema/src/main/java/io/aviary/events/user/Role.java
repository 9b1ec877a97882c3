package io.aviary.events.user;

/** What a principal may do. A user has one or more roles. */
public enum Role {
    /** Everything, including users, roles and agent enrolment. */
    ADMIN,
    /** Tasks, shuffles, fleet operations, analytics. */
    MANAGER,
    /** Accounts, audit log, billing cycles. */
    ACCOUNTANT,
    /** A person who is also a worker: sees and completes their own tasks, sees their own account. */
    WORKER,
    /** A machine: registers itself, heartbeats for itself, reports on tasks assigned to it. */
    AGENT
}
