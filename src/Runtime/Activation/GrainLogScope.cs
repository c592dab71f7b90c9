using System.Collections;

namespace Actors.Runtime;

/// <summary>The logging scope of every turn: structured loggers see a <c>GrainId</c> property.</summary>
internal sealed class GrainLogScope(GrainId grainId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?> _grainId = new("GrainId", grainId.ToString());

    public KeyValuePair<string, object?> this[int index] => index == 0 ? _grainId : throw new ArgumentOutOfRangeException(nameof(index));
    public int Count => 1;
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() { yield return _grainId; }
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    public override string ToString() => $"GrainId:{_grainId.Value}";
}
