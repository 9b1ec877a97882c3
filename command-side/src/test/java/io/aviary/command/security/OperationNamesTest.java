package io.aviary.command.security;

import io.aviary.command.account.AccountingDeadLetterController;
import io.aviary.command.area.AreaController;
import io.aviary.command.area.webhook.WebhookController;
import io.aviary.command.auth.AuthController;
import io.aviary.command.connection.ConnectionController;
import io.aviary.command.task.ReportBatchController;
import io.aviary.command.task.TaskController;
import io.aviary.command.worker.WorkerController;
import org.junit.jupiter.api.Test;
import org.springframework.boot.info.BuildProperties;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class OperationNamesTest {

    @Test
    void a_verb_gets_the_controller_noun_after_it() {
        assertThat(OperationNames.operationId(TaskController.class, "create", false)).isEqualTo("createTask");
        assertThat(OperationNames.operationId(WorkerController.class, "changeState", false))
                .isEqualTo("changeWorkerState");
        assertThat(OperationNames.operationId(AreaController.class, "rotateWebhookSecret", false))
                .isEqualTo("rotateAreaWebhookSecret");
    }

    @Test
    void reads_are_gets_and_lists_are_plural() {
        assertThat(OperationNames.operationId(ConnectionController.class, "secret", true))
                .isEqualTo("getConnectionSecret");
        assertThat(OperationNames.operationId(AccountingDeadLetterController.class, "list", true))
                .isEqualTo("listAccountingDeadLetters");
    }

    @Test
    void a_noun_naming_the_method_is_not_repeated_and_named_handlers_keep_their_name() {
        assertThat(OperationNames.operationId(ReportBatchController.class, "report", false)).isEqualTo("reportBatch");
        assertThat(OperationNames.operationId(AuthController.class, "login", false)).isEqualTo("login");
    }

    @Test
    void the_tag_is_the_feature_package_or_admin() {
        assertThat(OperationNames.tag(TaskController.class, "/api/v1/tasks")).isEqualTo("tasks");
        assertThat(OperationNames.tag(WebhookController.class, "/webhooks/{service}/{hookId}")).isEqualTo("webhooks");
        assertThat(OperationNames.tag(AuthController.class, "/api/v1/auth/login")).isEqualTo("auth");
        assertThat(OperationNames.tag(AccountingDeadLetterController.class, "/api/v1/admin/dead-letters/accounting"))
                .isEqualTo("admin");
    }

    @Test
    void the_version_comes_from_build_info_then_the_filtered_property() {
        Properties info = new Properties();
        info.setProperty("version", "1.2.3");

        assertThat(ApiVersion.of(new BuildProperties(info), "0.1.0-SNAPSHOT", OperationNamesTest.class))
                .isEqualTo("1.2.3");
        assertThat(ApiVersion.of(null, "0.1.0-SNAPSHOT", OperationNamesTest.class)).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(ApiVersion.of(null, "@project.version@", OperationNamesTest.class)).isEqualTo("unknown");
    }
}
