package dev.lifeline.identity.readiness;

import dev.lifeline.http.locale.Locales;

/**
 * One thing the owner can do so that the next lost phone is not a dead end: a stable code for the gateway's own
 * texts and a message in each supported language (the help-centre article's "预防未来密码丢失的措施").
 */
public enum Advice {
    ADD_EMAIL("Bind an email address: it is how you prove who you are when your phone is out of service.",
            "请绑定邮箱：手机号无法使用时，邮箱是您证明身份的方式。"),
    VERIFY_EMAIL("Verify your email address: an unverified address cannot be used to recover your account.",
            "请验证您的邮箱：未验证的邮箱无法用于找回账号。"),
    BIND_NEW_PHONE("Your phone number is out of service: bind a number you can receive messages on.",
            "您绑定的手机号已停用：请绑定一个能正常接收短信的号码。"),
    ADD_PHONE("Bind a phone number, so that we can reach you and you can sign in with a code.",
            "请绑定手机号，以便我们联系您，您也可以用验证码登录。"),
    SET_UP_RECOVERY_CODES("Save recovery codes: with your email, one code recovers your account without "
            + "identity checks.", "请保存恢复码：配合邮箱，一个恢复码即可找回账号，无需身份核验。"),
    RENEW_RECOVERY_CODES("You have few recovery codes left: generate a new set and keep it somewhere safe.",
            "您的恢复码所剩不多：请生成一组新的恢复码并妥善保存。"),
    ADD_IDENTITY_DETAILS("Add security questions and identity details, so that support can confirm it is you.",
            "请设置密保问题并完善身份信息，以便客服确认是您本人。"),
    ADD_SECURITY_QUESTIONS("Set up security questions: they are the quickest way to prove who you are.",
            "请设置密保问题：这是证明您身份最快捷的方式。"),
    ADD_SECOND_FACTOR("Add a second factor to sign in, so that a stolen password alone is not enough.",
            "请开启两步验证，这样即使密码被盗，他人也无法登录。");

    private final String english;
    private final String chinese;

    Advice(String english, String chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    /** The message in a supported language ({@link Locales}); English for any other. */
    public String message(String locale) {
        return Locales.CHINESE.equals(locale) ? chinese : english;
    }
}
