using System.Globalization;
using static Concord.Intel.Features.Misp.MispStix;

namespace Concord.Intel.Features.Misp;

/// <summary>The file, email and vulnerability object templates.</summary>
internal sealed partial class MispEventConverter
{
    // The hash relations of a file object, in the order misp-stix writes them.
    private static readonly string[] FileHashes = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3-224", "sha3-256", "sha3-384", "sha3-512", "ssdeep", "tlsh", "sha512/224", "sha512/256"];
    private static readonly string[] PatternHashes = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512/224", "sha512/256", "ssdeep", "authentihash", "imphash", "sha3-224", "sha3-256", "sha3-384", "sha3-512", "tlsh", "vhash"];
    private static readonly (string Relation, string Property)[] FileFields = [("filename", "name"), ("file-encoding", "name_enc"), ("mime-type", "mime_type"), ("size-in-bytes", "size")];
    private static readonly (string Relation, string Property)[] FileTimes = [("access-time", "atime"), ("creation-time", "ctime"), ("modification-time", "mtime")];

    private bool FileObject(MispObj o)
    {
        var all = o.ByRelation();
        var file = new StixObj("file", Ref("file", o.Uuid));
        List<StixObj> extra = [];
        if (all.TryGetValue("path", out var paths))
        {
            var directory = new StixObj("directory", Ref("directory", paths[^1].Uuid)).Set("path", paths[^1].Value);
            extra.Add(directory);
            file.Set("parent_directory_ref", directory.Id);
        }

        if (all.TryGetValue("malware-sample", out var samples))
        {
            FileSample(file, extra, samples[^1]);
            if (all.TryGetValue("attachment", out var attached))
            {
                file.Set("x_misp_attachment", attached[^1].Data is { } data ? new StixObj().Set("value", attached[^1].Value).Set("data", data) : attached[^1].Value);
            }
        }
        else if (all.TryGetValue("attachment", out var attachments))
        {
            var attachment = attachments[^1];
            if (attachment.Data is { } data)
            {
                extra.Add(new StixObj("artifact", Ref("artifact", attachment.Uuid)).Set("payload_bin", data).Set("x_misp_filename", attachment.Value));
            }
            else
            {
                file.Set("x_misp_attachment", attachment.Value);
            }
        }

        var values = Values(all, escaped: false);
        foreach (var single in new[] { "path", "malware-sample", "attachment" })
        {
            values.Remove(single);
        }

        FileProperties(file, values);
        ObserveObject(o, [file, .. extra], () => FilePattern(o));
        return true;
    }

    private static void FileSample(StixObj file, List<StixObj> extra, MispAttr sample)
    {
        if (sample.Data is not { } data)
        {
            file.Set("x_misp_malware_sample", sample.Value);
            return;
        }

        var artifact = new StixObj("artifact", Ref("artifact", sample.Uuid));
        if (sample.TrySplit(out var name, out var md5))
        {
            artifact.Set("hashes", new StixObj().Set("MD5", md5)).Set("x_misp_filename", name);
        }
        else
        {
            artifact.Set("x_misp_filename", sample.Value);
        }

        artifact.Set("payload_bin", data).Set("mime_type", "application/zip").Set("encryption_algorithm", "mime-type-indicated").Set("decryption_key", "infected");
        extra.Add(artifact);
        file.Set("content_ref", artifact.Id);
    }

    private static void FileProperties(StixObj file, Dictionary<string, List<string>> values)
    {
        var hashes = new StixObj();
        foreach (var type in FileHashes)
        {
            if (TakeLast(values, type) is { } hash && !hashes.Has(ObservableHash(type)))
            {
                hashes.Set(ObservableHash(type), hash);
            }
        }

        if (HasAny(hashes))
        {
            file.Set("hashes", hashes);
        }

        foreach (var (relation, property) in FileFields)
        {
            if (Take(values, relation) is { } value)
            {
                file.Set(property, property == "size" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : value);
            }
        }

        foreach (var (relation, property) in FileTimes)
        {
            if (TakeLast(values, relation) is { } value)
            {
                file.Set(property, Time(value));
            }
        }

        Rest(file, values);
    }

    private static bool HasAny(StixObj hashes) => FileHashes.Any(t => hashes.Has(ObservableHash(t)));

    private static List<string> FilePattern(MispObj o)
    {
        var groups = o.ForPattern();
        var values = Values(groups, escaped: true);
        List<string> pattern = [];
        foreach (var type in PatternHashes)
        {
            if (TakeLast(values, type) is { } hash)
            {
                pattern.Add(HashPattern(type, hash));
            }
        }

        foreach (var (relation, property) in FileFields)
        {
            pattern.AddRange(TakeAll(values, relation).Select(v => $"file:{property} = {Literal(property, v)}"));
        }

        foreach (var (relation, property) in FileTimes)
        {
            if (TakeLast(values, relation) is { } value)
            {
                pattern.Add($"file:{property} = '{value}'");
            }
        }

        if (TakeLast(values, "path") is { } path)
        {
            pattern.Add($"file:parent_directory_ref.path = '{path}'");
        }

        if (TakeLast(values, "malware-sample") is { } sample)
        {
            var data = groups["malware-sample"][^1].Data;
            List<string> parts = data is null ? [] : [$"file:content_ref.payload_bin = '{Escape(data)}'"];
            parts.AddRange(MispAttr.TrySplit(sample, out var name, out var md5)
                ? [$"file:content_ref.x_misp_filename = '{name}'", $"file:content_ref.hashes.MD5 = '{md5}'", SampleContent]
                : [$"file:content_ref.x_misp_filename = '{sample}'"]);
            pattern.Add($"({string.Join(" AND ", parts)})");
        }

        if (TakeLast(values, "attachment") is { } attachment)
        {
            var data = groups["attachment"][^1].Data;
            pattern.Add(data is null
                ? $"file:content_ref.x_misp_filename = '{attachment}'"
                : $"(file:content_ref.payload_bin = '{Escape(data)}' AND file:content_ref.x_misp_filename = '{attachment}')");
        }

        pattern.AddRange(RestPattern("file", values));
        return pattern;
    }

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
