using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MlOpsDashboard.Core.Storage;

/// <summary>Stores instants as UTC ticks: sortable and comparable in SQL on every provider.</summary>
public sealed class DateTimeOffsetToUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
