using System.Text.Json;

namespace Concord.Stix.Tests.Validation.JsonSchema;

/// <summary>The OASIS schema files of one folder tree, loaded once, addressed by full path; $refs resolve relative to the file.</summary>
internal sealed class SchemaStore
{
    private readonly Dictionary<string, JsonDocument> _files = new(StringComparer.Ordinal);

    public SchemaStore(string root)
    {
        Root = Path.GetFullPath(root);
        foreach (var file in Directory.GetFiles(Root, "*.json", SearchOption.AllDirectories))
        {
            _files[Path.GetFullPath(file)] = JsonDocument.Parse(File.ReadAllBytes(file));
        }
    }

    public string Root { get; }

    public SchemaRef Load(string relative) => new(Path.GetFullPath(Path.Combine(Root, relative)), _files[Path.GetFullPath(Path.Combine(Root, relative))].RootElement);

    /// <summary>Resolves <paramref name="reference"/> ("../common/x.json", "x.json#/definitions/y" or "#/definitions/y") from <paramref name="baseFile"/>.</summary>
    public SchemaRef Resolve(string baseFile, string reference)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var filePart = hash < 0 ? reference : reference[..hash];
        var pointer = hash < 0 ? string.Empty : reference[(hash + 1)..];
        var file = filePart.Length == 0 ? baseFile : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(baseFile)!, filePart));
        var node = _files.TryGetValue(file, out var document) ? document.RootElement : throw new InvalidOperationException($"Schema {file} not found (from {baseFile}).");
        foreach (var token in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = Uri.UnescapeDataString(token).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node.ValueKind == JsonValueKind.Array ? node[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] : node.GetProperty(key);
        }

        return new(file, node);
    }
}

/// <summary>A schema node and the file it lives in (the base for its relative $refs).</summary>
internal readonly record struct SchemaRef(string File, JsonElement Schema);
