using System.Text.Json;
using System.Text.Json.Serialization;

namespace Concord.Intel;

/// <summary>Source-generated JSON for what the module persists itself (job error lists).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<RejectedObject>))]
[JsonSerializable(typeof(MispImportSummary))]
[JsonSerializable(typeof(CsvColumns))]
internal sealed partial class IntelJson : JsonSerializerContext;
