using static Concord.Intel.Features.Misp.MispStix;

namespace Concord.Intel.Features.Misp;

/// <summary>The email and vulnerability object templates.</summary>
internal sealed partial class MispEventConverter
{
    private bool EmailObject(MispObj o)
    {
        var all = o.ByRelation();
        var values = Values(all, escaped: false);
        var message = new StixObj("email-message", Ref("email-message", o.Uuid)).Set("is_multipart", false);
        List<StixObj> observables = [message];
        if (all.TryGetValue("from", out var from))
        {
            Take(values, "from");
            var address = Address(from[0], from[0].Value);
            observables.Add(address);
            message.Set("from_ref", address.Id);
        }

        foreach (var field in new[] { "to", "cc", "bcc" })
        {
            if (all.TryGetValue(field, out var addresses))
            {
                values.Remove(field);
                var refs = new List<object?>();
                foreach (var attribute in addresses)
                {
                    var address = Address(attribute, attribute.Value);
                    observables.Add(address);
                    refs.Add(address.Id);
                }

                message.Set($"{field}_refs", refs);
            }
        }

        var parts = new List<object?>();
        foreach (var field in new[] { "attachment", "screenshot" })
        {
            foreach (var attribute in all.GetValueOrDefault(field, []))
            {
                values.Remove(field);
                var body = attribute.Data is { } data
                    ? new StixObj("artifact", Ref("artifact", attribute.Uuid)).Set("payload_bin", data).Set("x_misp_filename", attribute.Value)
                    : new StixObj("file", Ref("file", attribute.Uuid)).Set("name", attribute.Value);
                observables.Add(body);
                parts.Add(new StixObj().Set("content_disposition", $"{field}; filename='{attribute.Value}'").Set("body_raw_ref", body.Id));
            }
        }

        if (parts.Count > 0)
        {
            message.Set("body_multipart", parts).Set("is_multipart", true);
        }

        EmailFields(message, values);
        ObserveObject(o, observables, () => EmailPattern(o));
        return true;
    }

    private static void EmailFields(StixObj message, Dictionary<string, List<string>> values)
    {
        foreach (var (relation, property) in new[] { ("message-id", "message_id"), ("subject", "subject") })
        {
            message.SetText(property, Take(values, relation));
        }

        var headers = new StixObj();
        headers.SetText("Reply-To", Take(values, "reply-to")).SetText("X-Mailer", Take(values, "x-mailer"));
        if (headers.Has("Reply-To") || headers.Has("X-Mailer"))
        {
            message.Set("additional_header_fields", headers);
        }

        if (Take(values, "send-date") is { } date)
        {
            message.Set("date", Time(date));
        }

        Rest(message, values);
    }

    private static List<string> EmailPattern(MispObj o)
    {
        var groups = o.ForPattern();
        var values = Values(groups, escaped: true);
        List<string> pattern = [];
        foreach (var field in new[] { "to", "cc", "bcc" })
        {
            var n = 0;
            foreach (var value in TakeAll(values, field))
            {
                pattern.Add($"email-message:{field}_refs[{n++}].value = '{value}'");
            }

            foreach (var name in TakeAll(values, $"{field}-display-name"))
            {
                pattern.Add($"email-message:{field}_refs[{n++}].display_name = '{name}'");
            }
        }

        foreach (var (relation, property) in EmailPatternFields)
        {
            pattern.AddRange(TakeAll(values, relation).Select(v => $"email-message:{property} = '{v}'"));
        }

        var index = 0;
        foreach (var field in new[] { "attachment", "screenshot" })
        {
            var attributes = groups.GetValueOrDefault(field, []);
            foreach (var attribute in attributes)
            {
                var part = $"body_multipart[{index++}]";
                if (attribute.Data is { } data)
                {
                    pattern.Add($"email-message:{part}.body_raw_ref.payload_bin = '{Escape(data)}'");
                }

                pattern.Add($"email-message:{part}.body_raw_ref.name = '{Escape(attribute.Value)}'");
                pattern.Add($"email-message:{part}.content_disposition = '{field}'");
            }

            values.Remove(field);
        }

        pattern.AddRange(RestPattern("email-message", values));
        return pattern;
    }

    private static readonly (string, string)[] EmailPatternFields =
    [
        ("bcc-display-name", "bcc_refs.display_name"), ("cc-display-name", "cc_refs.display_name"), ("email-body", "body"),
        ("from", "from_ref.value"), ("from-display-name", "from_ref.display_name"), ("message-id", "message_id"),
        ("reply-to", "additional_header_fields.reply_to"), ("send-date", "date"), ("subject", "subject"),
        ("to-display-name", "to_refs.display_name"), ("x-mailer", "additional_header_fields.x_mailer"),
    ];

    private bool VulnerabilityObject(MispObj o)
    {
        var values = Values(o.ByRelation(), escaped: true);
        var vulnerability = new StixObj("vulnerability", Ref("vulnerability", o.Uuid));
        var references = new List<object?>();
        var ids = TakeAll(values, "id");
        if (ids.Count > 0)
        {
            vulnerability.Set("name", ids[0]);
            references.AddRange(ids.Select(id => (object?)new StixObj().Set("external_id", id).Set("source_name", id.StartsWith("CVE", StringComparison.Ordinal) ? "cve" : "vulnerability")));
        }

        vulnerability.SetText("description", Take(values, "description") ?? Take(values, "summary"));
        references.AddRange(TakeAll(values, "references").Select(url => (object?)new StixObj().Set("source_name", "url").Set("url", url)));
        if (references.Count > 0)
        {
            vulnerability.Set("external_references", references);
        }

        Rest(vulnerability, values);
        ObjectCommon(vulnerability, o);
        ObjectTagsAndReferences(vulnerability, o);
        Emit(vulnerability, o.Origin, o.Distribution);
        ObjectSightings(o, vulnerability.Id);
        return true;
    }
}
