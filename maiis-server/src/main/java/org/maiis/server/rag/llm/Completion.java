package org.maiis.server.rag.llm;

/**
 * A finished generation.
 *
 * @param text the whole generated text
 * @param promptTokens tokens of the prompt, as the model reported them (0 when not reported)
 * @param completionTokens tokens generated (0 when not reported)
 */
public record Completion(String text, long promptTokens, long completionTokens) {}
