using Concord.Platform;

namespace Concord.Incidents.Features.Cases;

/// <summary>
/// The Incidents module's writer gate: the change feed's positions (taken in each write's transaction) are then in
/// commit order, so a follower never skips a change committed late. (One node process writes; the CLI on a stopped node.)
/// </summary>
internal sealed class CaseWriteGate : WriteGate;
