namespace Concord.Intel.Observables.Warninglists;

/// <summary>
/// The node's current warninglists. Readers take <see cref="Current"/> without locking; <see cref="Reload"/>
/// builds a complete new snapshot off to the side and swaps it in with one reference write, so a lookup sees
/// either all of the old lists or all of the new ones, never a half-built index.
/// </summary>
internal sealed class WarninglistCatalog
{
    private readonly Lock _reloading = new();
    private WarninglistSnapshot _current = WarninglistSnapshot.Empty;

    /// <summary>The lists in force now.</summary>
    public WarninglistSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Loads the lists under <paramref name="folder"/> and makes them current; returns what could not be loaded.</summary>
    public IReadOnlyList<WarninglistProblem> Reload(string folder)
    {
        // Serialised so two reloads finishing out of order cannot leave the older folder's lists in force.
        lock (_reloading)
        {
            var (snapshot, problems) = WarninglistLoader.Load(folder);
            Volatile.Write(ref _current, snapshot);
            return problems;
        }
    }
}
