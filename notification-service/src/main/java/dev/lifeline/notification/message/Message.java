package dev.lifeline.notification.message;

/**
 * A notification in the owner's language.
 *
 * @param title    the mail's subject, the push's title
 * @param text     the whole message as plain text
 * @param html     the same as an HTML page, for mail
 * @param headline the key sentence alone, for a text message or a push's body
 */
public record Message(String locale, String title, String text, String html, String headline) {
}
