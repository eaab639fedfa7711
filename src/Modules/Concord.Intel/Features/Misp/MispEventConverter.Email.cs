using static Concord.Intel.Features.Misp.MispStix;

namespace Concord.Intel.Features.Misp;

/// <summary>E-mail attributes: addresses, and the parts of a message (an email-message SCO holding just that part).</summary>
internal sealed partial class MispEventConverter
{
    private bool Email(MispAttr a, string v, string e)
    {
        StixObj Message() => Sco("email-message", a).Set("is_multipart", false);
        switch (a.Type)
        {
            case "email":
                Observe(a, [Address(a, v)], () => $"[email-addr:value = '{e}']");
                return true;
            case "email-src":
                var from = Address(a, v);
                Observe(a, [Message().Set("from_ref", from.Id), from], () => $"[email-message:from_ref.value = '{e}']");
                return true;
            case "email-dst":
                var to = Address(a, v);
                Observe(a, [Message().Set("to_refs", new List<object?> { to.Id }), to], () => $"[email-message:to_refs[*].value = '{e}']");
                return true;
            case "email-subject":
                Observe(a, [Message().Set("subject", v)], () => $"[email-message:subject = '{e}']");
                return true;
            case "email-body":
                Observe(a, [Message().Set("body", v)], () => $"[email-message:body = '{e}']");
                return true;
            case "email-header":
                Observe(a, [Message().Set("received_lines", new List<object?> { v })], () => $"[email-message:received_lines = '{e}']");
                return true;
            case "email-reply-to":
                Observe(a, [Message().Set("additional_header_fields", new StixObj().Set("Reply-To", v))], () => $"[email-message:additional_header_fields.reply_to = '{e}']");
                return true;
            case "email-x-mailer":
                Observe(a, [Message().Set("additional_header_fields", new StixObj().Set("X-Mailer", v))], () => $"[email-message:additional_header_fields.x_mailer = '{e}']");
                return true;
            case "email-message-id":
                Observe(a, [Message().Set("message_id", v)], () => $"[email-message:message_id = '{e}']");
                return true;
            case "email-attachment":
                var file = Sco("file", a).Set("name", v);
                var part = new StixObj().Set("content_disposition", $"attachment; filename='{v}'").Set("body_raw_ref", file.Id);
                Observe(a, [Sco("email-message", a).Set("is_multipart", true).Set("body_multipart", new List<object?> { part }), file],
                    () => $"[email-message:body_multipart[*].body_raw_ref.name = '{e}']");
                return true;
            default:
                return false;
        }
    }

    private static StixObj Address(MispAttr a, string value) => Sco("email-addr", a).Set("value", value);
}
