package io.parapet.gateway;

import io.parapet.eval.spi.EvalTarget;
import io.parapet.registry.Message;
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

    GatewayEvalTarget(ChatGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Answer answer(Call call) {
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
        try {
            ChatGateway.Answered answered =
                    gateway.complete(request, Caller.internal(call.tag()), call.modelOverride());
            CompletionOutcome o = answered.outcome();
            return o.refusal() != null
                    ? answer(o, Ending.BLOCKED, o.refusal(), o.blockedBy(), false)
                    : answer(o, Ending.STOP, answered.text(), null, false);
        } catch (ChatError.Blocked blocked) {
            return answer(blocked.outcome(), Ending.BLOCKED, null, blocked.scanner(), false);
        } catch (ChatError e) {
            // A variable the prompt lacks, a model that does not exist: trying again gives the same answer; a
            // failing model or a registry that cannot be read (5xx) may be back on the next try.
            return answer(e.outcome(), Ending.ERROR, null, e.getMessage(), e.status() >= 500);
        }
    }

    private static Answer answer(CompletionOutcome o, Ending ending, String output, String detail, boolean retriable) {
        return new Answer(
                ending,
                output,
                detail,
                retriable,
                o.inputTokens(),
                o.outputTokens(),
                o.totalMillis(),
                o.answeringModel(),
                o.cost());
    }
}
