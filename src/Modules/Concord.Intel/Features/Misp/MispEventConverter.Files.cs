using static Concord.Intel.Features.Misp.MispStix;

namespace Concord.Intel.Features.Misp;

/// <summary>Hashes, files with their content (attachments, malware samples, as artifacts), certificates, vulnerabilities.</summary>
internal sealed partial class MispEventConverter
{
    // misp-stix marks a malware sample's artifact as MISP stores it: a zip encrypted with the password "infected".
    private const string SampleContent = "file:content_ref.mime_type = 'application/zip' AND file:content_ref.encryption_algorithm = 'mime-type-indicated' AND file:content_ref.decryption_key = 'infected'";

    private bool Hash(MispAttr a)
    {
        if (HashTypes.Contains(a.Type))
        {
            var value = a.Value;
            Observe(a, [Sco("file", a).Set("hashes", new StixObj().Set(ObservableHash(a.Type), value))], () => $"[{HashPattern(a.Type, value)}]");
            return true;
        }

        return a.Type.StartsWith("filename|", StringComparison.Ordinal) && HashTypes.Contains(a.Type[9..]) && FileHash(a, a.Type[9..]);
    }

    /// <summary><c>filename|&lt;hash&gt;</c> (and a malware sample without its data): a file with its name and hash.</summary>
    private bool FileHash(MispAttr a, string hashType)
    {
        if (!MispAttr.HasSeparator(a.Value))
        {
            // misp-stix's reading of a composite without its separator: a pattern on the file name alone.
            Standalone(a, $"[file:name = '{Escape(a.Value)}']");
            return true;
        }

        if (!a.TrySplit(out var name, out var hash))
        {
            return false;
        }

        var file = Sco("file", a).Set("hashes", new StixObj().Set(ObservableHash(hashType), hash)).Set("name", name);
        Observe(a, [file], () =>
        {
            var (n, h) = AttributeSplit(Escape(a.Value));
            return $"[file:name = '{n}' AND {HashPattern(hashType, h)}]";
        });
        return true;
    }

    private static string HashPattern(string type, string value, string prefix = "file:hashes") =>
        $"{prefix}.{Segment(PatternHash(type))} = '{value.Trim('"').Trim('\'').Trim('\\')}'";

    private void Attachment(MispAttr a)
    {
        var artifact = Sco("artifact", a).Set("payload_bin", a.Data);
        var file = Sco("file", a).Set("name", a.Value).Set("content_ref", artifact.Id);
        Observe(a, [file, artifact], () => $"[file:name = '{Escape(a.Value)}' AND file:content_ref.payload_bin = '{Escape(a.Data!)}']");
    }

    private void MalwareSample(MispAttr a)
    {
        var artifact = Sco("artifact", a).Set("payload_bin", a.Data)
            .Set("mime_type", "application/zip").Set("encryption_algorithm", "mime-type-indicated").Set("decryption_key", "infected");
        var file = Sco("file", a).Set("content_ref", artifact.Id);
        if (a.TrySplit(out var name, out var md5))
        {
            file.Set("name", name).Set("hashes", new StixObj().Set("MD5", md5));
        }
        else
        {
            file.Set("name", a.Value);
        }

        Observe(a, [file, artifact], () =>
        {
            List<string> pattern = [$"file:content_ref.payload_bin = '{Escape(a.Data!)}'"];
            if (MispAttr.TrySplit(Escape(a.Value), out var n, out var h))
            {
                pattern.Add($"file:name = '{n}' AND {HashPattern("md5", h)}");
            }

            pattern.Add(SampleContent);
            return $"[{string.Join(" AND ", pattern)}]";
        });
    }

    private bool X509(MispAttr a)
    {
        var hashType = a.Type[(a.Type.LastIndexOf('-') + 1)..];
        var certificate = Sco("x509-certificate", a).Set("hashes", new StixObj().Set(ObservableHash(hashType), a.Value));
        var digits = new string(a.Value.Where(char.IsLetterOrDigit).ToArray());
        Observe(a, [certificate], () => $"[x509-certificate:hashes.{Segment(PatternHash(hashType))} = '{digits}']");
        return true;
    }

    private void Vulnerability(MispAttr a)
    {
        var vulnerability = new StixObj("vulnerability", Ref("vulnerability", a.Uuid));
        Common(vulnerability, a);
        vulnerability.Set("name", a.Value)
            .Set("external_references", new List<object?> { new StixObj().Set("source_name", "cve").Set("external_id", a.Value) });
        var galaxyTags = AttributeGalaxies(a, vulnerability.Id);
        Finish(vulnerability, a, galaxyTags);
        Emit(vulnerability, a.Origin, a.Distribution);
        Sightings(a, vulnerability.Id);
    }

    private void Campaign(MispAttr a)
    {
        var campaign = new StixObj("campaign", Ref("campaign", a.Uuid));
        Common(campaign, a);
        campaign.Set("name", a.Value);
        var galaxyTags = AttributeGalaxies(a, campaign.Id);
        Finish(campaign, a, galaxyTags);
        Emit(campaign, a.Origin, a.Distribution);
        Sightings(a, campaign.Id);
    }
}
