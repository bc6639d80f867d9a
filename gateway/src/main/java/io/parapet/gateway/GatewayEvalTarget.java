package io.parapet.gateway;

import io.parapet.core.ParapetException;
import io.parapet.eval.spi.EvalTarget;
import io.parapet.registry.Message;
import io.parapet.registry.ModelVersion;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluation items answered by the gateway itself, as a chat app's request would be (rendering, the prompt's
 * guardrail policy, the model with its retries and fallbacks), built as a typed request with no JSON in between.
 * Each completion is an event under the key {@code eval:<run>}, so monitors can tell evaluation traffic apart.
 */
@Singleton
public class GatewayEvalTarget implements EvalTarget {
    private final ChatGateway gateway;
    private final CompletionEvents events;

    GatewayEvalTarget(ChatGateway gateway, CompletionEvents events) {
        this.gateway = gateway;
        this.events = events;
    }

    @Override
    public Answer answer(Call call) {
        CompletionTrace trace = new CompletionTrace(call.tag(), call.tag(), false);
        List<ChatRequest.ChatMessage> messages = new ArrayList<>();
        for (Message m : call.messages()) {
            messages.add(new ChatRequest.ChatMessage(m.role(), m.content()));
        }
        ChatRequest request = new ChatRequest(
                ChatGateway.PROMPT_PREFIX + call.prompt() + "#" + call.version(),
                messages,
                false,
                false,
                call.variables(),
                null,
                null,
                null,
                null);
        ChatGateway.Prepared prepared = null;
        try {
            prepared = gateway.prepare(request, trace, null, call.modelOverride());
            ChatGateway.Completion c = gateway.complete(prepared, trace);
            return answer(trace, prepared, Ending.STOP, c.answer(), null, false, c.modelVersion());
        } catch (ChatGateway.Blocked blocked) {
            return answer(trace, prepared, Ending.BLOCKED, blocked.refusal, blocked.scanner, false, null);
        } catch (Upstream.UpstreamFailed failed) {
            trace.end(CompletionTrace.Ending.ERROR, failed.getMessage());
            return answer(trace, prepared, Ending.ERROR, null, failed.getMessage(), true, null);
        } catch (ParapetException e) {
            // A variable the prompt lacks, a model that does not exist: trying again gives the same answer; a
            // registry that cannot be read (5xx) may be back on the next try.
            trace.end(CompletionTrace.Ending.ERROR, e.getMessage());
            return answer(
                    trace,
                    prepared,
                    Ending.ERROR,
                    null,
                    e.getMessage(),
                    e.problem().status() >= 500,
                    null);
        } finally {
            if (trace.hasModel()) {
                events.finished(trace);
            }
        }
    }

    private static Answer answer(
            CompletionTrace trace,
            ChatGateway.Prepared prepared,
            Ending ending,
            String output,
            String detail,
            boolean retriable,
            String model) {
        String answering = model != null ? model : trace.hasModel() ? trace.answeringModel() : null;
        return new Answer(
                ending,
                output,
                detail,
                retriable,
                trace.inputTokens(),
                trace.outputTokens(),
                trace.totalMillis(),
                answering,
                cost(prepared, answering, trace));
    }

    /** The call's cost from the prices of the model in the chain that answered; null when it has none. */
    private static Double cost(ChatGateway.Prepared prepared, String answering, CompletionTrace trace) {
        if (prepared == null || answering == null) {
            return null;
        }
        for (ModelVersion m : prepared.models()) {
            if (answering.equals(m.name() + "#" + m.version())) {
                return m.prices() == null ? null : m.prices().cost(trace.inputTokens(), trace.outputTokens());
            }
        }
        return null;
    }
}
