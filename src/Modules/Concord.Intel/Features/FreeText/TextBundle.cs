using System.Text.Json;

namespace Concord.Intel.Features.FreeText;

/// <summary>
/// The bundle a text import stores: an indicator per observable, a vulnerability per new CVE id, and a report
/// referencing those and the objects already readable. No marking is written: the import gives every object the
/// analyst's TLP, as it does for any unmarked object.
/// </summary>
internal sealed class TextBundle(string now)
{
    private readonly MemoryStream _stream = new();
    private readonly List<string> _created = [];
    private Utf8JsonWriter? _writer;
    private string _lastId = "";

    public IReadOnlyList<string> Created => _created;

    private Utf8JsonWriter Writer
    {
        get
        {
            if (_writer is null)
            {
                _writer = new Utf8JsonWriter(_stream);
                _writer.WriteStartObject();
                _writer.WriteString("type", "bundle");
                _writer.WriteString("id", $"bundle--{Guid.NewGuid():D}");
                _writer.WriteStartArray("objects");
            }

            return _writer;
        }
    }

    public void Indicator(string value, string pattern)
    {
        var writer = Start("indicator");
        writer.WriteString("name", value);
        writer.WriteString("pattern", pattern);
        writer.WriteString("pattern_type", "stix");
        writer.WriteString("valid_from", now);
        writer.WriteEndObject();
    }

    public void Vulnerability(string cve)
    {
        var writer = Start("vulnerability");
        writer.WriteString("name", cve);
        writer.WriteStartArray("external_references");
        writer.WriteStartObject();
        writer.WriteString("source_name", "cve");
        writer.WriteString("external_id", cve);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes the report over everything created and <paramref name="referenced"/>, and ends the bundle.</summary>
    public (string ReportId, MemoryStream Stream) Finish(string name, string? description, IEnumerable<string> referenced)
    {
        var refs = _created.Concat(referenced).ToList();
        var writer = Start("report", created: false);
        var id = _lastId;
        writer.WriteString("name", name);
        if (!string.IsNullOrWhiteSpace(description))
        {
            writer.WriteString("description", description);
        }

        writer.WriteStartArray("report_types");
        writer.WriteStringValue("threat-report");
        writer.WriteEndArray();
        writer.WriteString("published", now);
        writer.WriteStartArray("object_refs");
        refs.ForEach(writer.WriteStringValue);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        writer.Dispose();
        _stream.Position = 0;
        return (id, _stream);
    }

    private Utf8JsonWriter Start(string type, bool created = true)
    {
        _lastId = $"{type}--{Guid.NewGuid():D}";
        if (created)
        {
            _created.Add(_lastId);
        }

        var writer = Writer;
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteString("spec_version", "2.1");
        writer.WriteString("id", _lastId);
        writer.WriteString("created", now);
        writer.WriteString("modified", now);
        return writer;
    }
}
