package io.aviary.command.security;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Names each operation ({@link OperationNames}: operationId and feature tag) and documents the status it answers on
 * success instead of springdoc's guessed 200: the handler's {@code @ResponseStatus}; 200 for a handler returning its
 * body (reads, {@code :batch}, login); for a {@code ResponseEntity}, 202 (the command was sent) unless listed in
 * {@link #NOT_ACCEPTED}, and 204 for a {@code ResponseEntity<Void>}.
 */
class DocumentedOperationCustomizer implements OperationCustomizer {

    /** {@code ResponseEntity} handlers that do not answer 202: what they build instead. */
    private static final Map<String, HttpStatus> NOT_ACCEPTED = Map.of(
            "UserController#create", HttpStatus.CREATED,
            "AuthController#rotate", HttpStatus.CREATED,
            "AgentController#createEnrolmentToken", HttpStatus.CREATED,
            "ConnectionController#create", HttpStatus.CREATED,
            "AreaController#rotateWebhookSecret", HttpStatus.OK);

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        boolean read = mapping != null && Arrays.asList(mapping.method()).contains(RequestMethod.GET);
        Class<?> controller = handler.getBeanType();
        operation.setOperationId(OperationNames.operationId(controller, handler.getMethod().getName(), read));
        operation.setTags(List.of(OperationNames.tag(controller, path(controller, mapping))));
        documentSuccess(operation.getResponses(), successStatus(handler, read));
        return operation;
    }

    private static HttpStatus successStatus(HandlerMethod handler, boolean read) {
        ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), ResponseStatus.class);
        if (declared != null) {
            return declared.code();
        }
        ResolvableType returned = ResolvableType.forMethodReturnType(handler.getMethod());
        if (read || !ResponseEntity.class.isAssignableFrom(returned.toClass())) {
            return HttpStatus.OK;
        }
        if (returned.getGeneric(0).toClass() == Void.class) {
            return HttpStatus.NO_CONTENT;
        }
        return NOT_ACCEPTED.getOrDefault(handler.getBeanType().getSimpleName() + "#" + handler.getMethod().getName(),
                HttpStatus.ACCEPTED);
    }

    /** Moves springdoc's generated success response (its schema) to the real status; 204 has no body. */
    private static void documentSuccess(ApiResponses responses, HttpStatus status) {
        String code = String.valueOf(status.value());
        ApiResponse generated = responses.containsKey(code) ? responses.get(code) : responses.remove("200");
        if (generated == null) {
            generated = new ApiResponse();
        }
        generated.setDescription(status.getReasonPhrase());
        if (status == HttpStatus.NO_CONTENT) {
            generated.setContent(null);
        }
        responses.addApiResponse(code, generated);
    }

    private static String path(Class<?> controller, RequestMapping mapping) {
        RequestMapping base = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
        String prefix = base == null || base.path().length == 0 ? "" : base.path()[0];
        return prefix + (mapping == null || mapping.path().length == 0 ? "" : mapping.path()[0]);
    }
}
