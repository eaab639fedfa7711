using System.Text.Json;
using System.Text.Json.Serialization;

namespace Concord.Host.Hosting;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthBody))]
internal sealed partial class HostJsonContext : JsonSerializerContext;
