@{
    RootModule             = 'RenderbusPS.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '256bca67-cd14-58e0-a517-a94e0e21b339'
    Author                 = 'RenderbusPS contributors'
    CompanyName            = 'RenderbusPS'
    Copyright              = '(c) RenderbusPS contributors. All rights reserved.'
    Description            = 'Drive the Renderbus / Fox Renderfarm cloud render farm from PowerShell: signed sessions, typed task and frame objects, paging, bulk stop/start with -WhatIf, render environments, and a local emulator for scripts and Pester checks.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('RenderbusPS.Format.ps1xml')
    CmdletsToExport        = @(
        'Connect-Renderbus'
        'Disconnect-Renderbus'
        'Get-RbSession'
        'Test-RbConnection'
        'Get-RbPlatform'
        'Get-RbUser'
        'Get-RbUserSetting'
        'Set-RbUserSetting'
        'Set-RbNotification'
        'Get-RbHardwareConfig'
        'Get-RbPackNode'
        'Get-RbOperationLog'
        'Get-RbLoginLog'
        'Get-RbTransferConfig'
        'Get-RbTransferServer'
        'Get-RbRaySyncKey'
        'Get-RbTask'
        'Stop-RbTask'
        'Start-RbTask'
        'Wait-RbTask'
        'Measure-RbTaskCost'
        'New-RbTask'
        'Send-RbTaskFile'
        'Submit-RbTask'
        'Submit-RbScene'
        'Get-RbErrorDetail'
        'Get-RbTaskProgress'
        'Get-RbOutputFile'
        'Restart-RbTask'
        'Remove-RbTask'
        'Set-RbTask'
        'Add-RbTaskLabel'
        'Remove-RbTaskLabel'
        'Get-RbFrame'
        'Get-RbFrameSummary'
        'Get-RbFrameLog'
        'Get-RbFrameThumbnail'
        'Restart-RbFrame'
        'Stop-RbFrame'
        'ConvertFrom-RbFrameRange'
        'Get-RbSoftware'
        'Get-RbRenderEnv'
        'New-RbRenderEnv'
        'Set-RbRenderEnv'
        'Remove-RbRenderEnv'
        'Get-RbPlugin'
        'Get-RbProject'
        'New-RbProject'
        'Set-RbProject'
        'Remove-RbProject'
        'Start-RbEmulator'
        'Stop-RbEmulator'
        'Invoke-RbApi'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            # no ProjectUri or LicenseUri until the project has a public home; LICENSE ships in the package
            Tags         = @('Renderbus', 'FoxRenderfarm', 'RenderFarm', 'Rendering', 'VFX', 'Cloud', 'PSEdition_Desktop', 'PSEdition_Core')
            ReleaseNotes = 'CHANGELOG.md'
        }
    }
}
