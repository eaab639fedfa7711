using Concord.Platform;

namespace Concord.Intel.Features.Import;

/// <summary>
/// Intel's writer gate: the date_added sequence must be handed out in commit order so a cursor never skips an object
/// committed later with a smaller number. (PostgreSQL also takes an advisory lock for other processes.)
/// </summary>
internal sealed class IngestGate : WriteGate;
