using System.Collections;
using MlOpsDashboard.Core.Delivery.Applications;

namespace MlOpsDashboard.Dashboard.Components.Pages.Applications;

/// <summary>
/// The tile view's rows as a read-only list over the applications, cut on demand: Virtualize asks
/// for the few rows on screen, and nothing is copied for the thousands that are not.
/// </summary>
internal sealed class TileRows(IList<ArgoApplication> applications, int perRow = 4) : IList<ArgoApplication[]>
{
    public int Count => (applications.Count + perRow - 1) / perRow;

    public bool IsReadOnly => true;

    public ArgoApplication[] this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var start = index * perRow;
            var row = new ArgoApplication[Math.Min(perRow, applications.Count - start)];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = applications[start + i];
            }
            return row;
        }
        set => throw new NotSupportedException();
    }

    public IEnumerator<ArgoApplication[]> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public int IndexOf(ArgoApplication[] item) => -1;

    public bool Contains(ArgoApplication[] item) => false;

    public void CopyTo(ArgoApplication[][] array, int arrayIndex)
    {
        for (var i = 0; i < Count; i++)
        {
            array[arrayIndex + i] = this[i];
        }
    }

    public void Add(ArgoApplication[] item) => throw new NotSupportedException();

    public void Clear() => throw new NotSupportedException();

    public void Insert(int index, ArgoApplication[] item) => throw new NotSupportedException();

    public bool Remove(ArgoApplication[] item) => throw new NotSupportedException();

    public void RemoveAt(int index) => throw new NotSupportedException();
}
