using System.Globalization;
using static Concord.Intel.Features.Misp.MispStix;

namespace Concord.Intel.Features.Misp;

/// <summary>The file object template: a file with its hashes, its directory and its content (attachment, malware sample).</summary>
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
}
