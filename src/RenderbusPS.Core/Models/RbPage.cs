using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace RenderbusPS.Core.Models
{
    /// <summary>One page of a <c>pageNum/pageSize</c> answer, as <see cref="RbWire"/> reads it.</summary>
    internal sealed class RbPage<T>
    {
        [JsonPropertyName("items")]
        public IReadOnlyList<T> Items { get; set; } = Array.Empty<T>();

        /// <summary>The page's number as the answer gives it, else the number asked for.</summary>
        [JsonPropertyName("pageNum")]
        public int? PageNum { get; set; }

        [JsonPropertyName("pageCount")]
        public int? PageCount { get; set; }

        [JsonPropertyName("total")]
        public long? Total { get; set; }
    }
}
