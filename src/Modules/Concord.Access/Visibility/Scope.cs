namespace Concord.Access;

/// <summary>
/// How far a record is distributed, narrowest first. The order matters: a wider scope has a larger value,
/// and TLP caps how wide a record may go (<see cref="Distribution.MaxScope"/>).
/// </summary>
public enum Scope
{
    /// <summary>The owner organisation only.</summary>
    Owner = 0,

    /// <summary>Named recipient organisations (and the owner).</summary>
    Recipients = 1,

    /// <summary>The organisations of one sharing group (and the owner).</summary>
    SharingGroup = 2,

    /// <summary>Every member organisation on this node.</summary>
    Alliance = 3,

    /// <summary>Every member on this node and the connected (federated) nodes.</summary>
    ConnectedNodes = 4,

    /// <summary>Anyone, including unauthenticated readers of public collections.</summary>
    Public = 5,
}
