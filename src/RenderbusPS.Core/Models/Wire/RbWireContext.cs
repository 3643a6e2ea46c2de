using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// The source-generated metadata of every answer Core reads (models, their lists and pages), and the converters
    /// they are read with: no reflection, on Windows PowerShell 5.1 as on PowerShell 7. Read through
    /// <see cref="RbWire"/>, which adds the Extra step.
    /// </summary>
    [JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata, Converters = new[]
    {
        typeof(RbWireString), typeof(RbWireLong), typeof(RbWireNullableLong), typeof(RbWireInt),
        typeof(RbWireNullableInt), typeof(RbWireDecimal), typeof(RbWireNullableDecimal), typeof(RbWireFlag),
        typeof(RbWireTime), typeof(RbWireSeconds), typeof(RbWireSecret), typeof(RbWirePlain), typeof(RbWireEnums),
        typeof(RbWireLists),
    })]
    [JsonSerializable(typeof(RbPage<RbTask>))]
    [JsonSerializable(typeof(RbPage<RbFrame>))]
    [JsonSerializable(typeof(RbPage<RbOperationRecord>))]
    [JsonSerializable(typeof(RbPage<RbLoginRecord>))]
    [JsonSerializable(typeof(RbPage<string>))]
    [JsonSerializable(typeof(RbPage<RbOutputFile>))]
    [JsonSerializable(typeof(IReadOnlyList<RbPlatform>))]
    [JsonSerializable(typeof(IReadOnlyList<RbPackNode>))]
    [JsonSerializable(typeof(IReadOnlyList<RbRenderEnv>))]
    [JsonSerializable(typeof(IReadOnlyList<RbErrorDetail>))]
    [JsonSerializable(typeof(IReadOnlyList<RbHardwareConfig>))]
    [JsonSerializable(typeof(IReadOnlyList<RbOutputFile>))]
    [JsonSerializable(typeof(IReadOnlyList<string>))]
    [JsonSerializable(typeof(RbUser))]
    [JsonSerializable(typeof(RbUserSetting))]
    [JsonSerializable(typeof(RbFrameSummary))]
    [JsonSerializable(typeof(RbTaskProgress))]
    [JsonSerializable(typeof(RbCreatedTasks))]
    [JsonSerializable(typeof(RbSoftwareList))]
    [JsonSerializable(typeof(RbSoftwareDetail))]
    [JsonSerializable(typeof(RbProjectList))]
    [JsonSerializable(typeof(RbTransferBids))]
    [JsonSerializable(typeof(RbTransferConfig))]
    [JsonSerializable(typeof(RbTransferServer))]
    [JsonSerializable(typeof(RbRaySyncAddress))]
    [JsonSerializable(typeof(RbRaySyncKey))]
    [JsonSerializable(typeof(RbApi2TaskPage))]
    [JsonSerializable(typeof(RbApi2List<RbApi2User>))]
    [JsonSerializable(typeof(RbApi2List<RbApi2Outcome>))]
    [JsonSerializable(typeof(RbApi2List<RbApi2TaskJobs>))]
    [JsonSerializable(typeof(RbApi2List<RbApi2Project>))]
    [JsonSerializable(typeof(RbApi2List<RbApi2SoftwareItem>))]
    [JsonSerializable(typeof(IReadOnlyList<RbApi2SoftwareItem>))]
    [JsonSerializable(typeof(RbApi2SoftwareItem))]
    [JsonSerializable(typeof(RbApi2ProjectResult))]
    [JsonSerializable(typeof(RbApi2List<RbApi2Created>))]
    [JsonSerializable(typeof(object))]
    internal sealed partial class RbWireContext : JsonSerializerContext
    {
    }
}
