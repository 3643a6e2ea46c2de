#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# Bad input gets a clear error with a stable id and sends nothing; one kind of failure has one id in every cmdlet.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:emulator = Start-RbEmulator -Seed 21 -Speed 0 -Confirm:$false
    Connect-Renderbus -Emulator $emulator

    # runs a command and returns its errors; the emulator must have seen no request of the named operations
    function Get-Refusal {
        param([scriptblock] $Command, [string[]] $Unsent)
        $emulator.ClearRequests()
        $records = try { & $Command 2>&1 } catch { $_ }
        $errors = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        foreach ($op in $Unsent) {
            @($emulator.Requests | Where-Object Operation -eq $op) | Should -BeNullOrEmpty -Because "nothing may reach $op"
        }
        @($errors)
    }
}

AfterAll {
    Disconnect-Renderbus -Confirm:$false -ErrorAction SilentlyContinue
    Stop-RbEmulator -Confirm:$false
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'Names and labels follow one rule' {
    It '<Name> is refused with <Id> and creates nothing' -ForEach @(
        @{ Name = 'New-RbTask -Label " "'; Id = 'Rb.InvalidLabelName'; Op = 'createTask'; Command = { New-RbTask -Label ' ' -Confirm:$false } }
        @{ Name = 'New-RbTask -Label with a tab'; Id = 'Rb.InvalidLabelName'; Op = 'createTask'; Command = { New-RbTask -Label "a`tb" -Confirm:$false } }
        @{ Name = 'New-RbProject with a line break'; Id = 'Rb.InvalidProjectName'; Op = 'addProject'; Command = { New-RbProject -Name "ep01`nep02" -Confirm:$false } }
        @{ Name = 'New-RbProject with a NUL'; Id = 'Rb.InvalidProjectName'; Op = 'addProject'; Command = { New-RbProject -Name "ep01$([char]0)" -Confirm:$false } }
        @{ Name = 'Add-RbTaskLabel of control characters'; Id = 'Rb.InvalidLabelName'; Op = 'addTaskLabel'; Command = { Add-RbTaskLabel -Id 1210000 -Name "$([char]7)$([char]8)" -Confirm:$false } }
        @{ Name = 'Add-RbTaskLabel of 65 characters'; Id = 'Rb.InvalidLabelName'; Op = 'addTaskLabel'; Command = { Add-RbTaskLabel -Id 1210000 -Name ('x' * 65) -Confirm:$false } }
    ) {
        $errors = Get-Refusal $Command -Unsent $Op
        $errors.Count | Should -BeGreaterThan 0
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Id*"
        $errors[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }
}

Describe 'Input the module can check is checked before any request' {
    It 'Connect-Renderbus -Proxy "not a proxy" names -Proxy' {
        $errors = Get-Refusal { Connect-Renderbus -Credential ([pscredential]::new('AK', (ConvertTo-SecureString 'k' -AsPlainText -Force))) -Domain $emulator.Domain -Proxy 'not a proxy' }
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Rb.InvalidProxy*'
        $errors[0].Exception.Message | Should -Match 'Proxy'
        (Get-RbSession).Domain | Should -Match ([regex]::Escape($emulator.HostAndPort)) -Because 'the session in use stays'
    }

    It 'Get-RbPlugin -Software " " asks the farm nothing' {
        $errors = Get-Refusal { Get-RbPlugin -Software ' ' } -Unsent 'querySoftwareList', 'querySoftwareDetail'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Rb.UnknownSoftware*'
    }

    It 'Get-RbFrameThumbnail -OutFile into a missing folder downloads nothing' {
        $frame = Get-RbTask -Status Finished -First 1 | Get-RbFrame -First 1
        $target = Join-Path $TestDrive 'no/such/folder/thumb.png'
        $errors = Get-Refusal { $frame | Get-RbFrameThumbnail -OutFile $target } -Unsent 'loadingFrameThumbnail'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Rb.OutFileFolderMissing*'
        $target | Should -Not -Exist
    }

    It 'Get-RbTask -Keyword of 1 MB is refused' {
        $errors = Get-Refusal { Get-RbTask -Keyword ('k' * 1MB) } -Unsent 'getTaskList'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Rb.InvalidKeyword*'
        $errors[0].Exception.Message.Length | Should -BeLessThan 400 -Because 'the message shows a short part of the keyword'
    }

    It 'Set-RbTask -MachineLimit 5 -FullSpeed is refused: the two contradict each other' {
        $task = Get-RbTask -Status Rendering -First 1
        $errors = Get-Refusal { $task | Set-RbTask -MachineLimit 5 -FullSpeed -Confirm:$false } -Unsent 'updateTaskLimit', 'fullSpeedRendering'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Rb.ConflictingSettings*'
    }
}

Describe 'A task that does not exist is Rb.TaskNotFound in every cmdlet' {
    It '<Name>' -ForEach @(
        @{ Name = 'Get-RbTask'; Command = { Get-RbTask -Id 777 } }
        @{ Name = 'Wait-RbTask'; Command = { Wait-RbTask -Id 777 -Timeout 00:00:05 } }
        @{ Name = 'Stop-RbTask'; Command = { Stop-RbTask -Id 777 -Confirm:$false } }
        @{ Name = 'Start-RbTask'; Command = { Start-RbTask -Id 777 -Confirm:$false } }
        @{ Name = 'Stop-RbTask -Abandon'; Command = { Stop-RbTask -Id 777 -Abandon -Confirm:$false } }
        @{ Name = 'Remove-RbTask'; Command = { Remove-RbTask -Id 777 -Confirm:$false } }
        @{ Name = 'Restart-RbTask'; Command = { Restart-RbTask -Id 777 -Confirm:$false } }
        @{ Name = 'Set-RbTask -Priority'; Command = { Set-RbTask -Id 777 -Priority 60 -Confirm:$false } }
        @{ Name = 'Set-RbTask -TimeoutStop'; Command = { Set-RbTask -Id 777 -TimeoutStop 3600 -Confirm:$false } }
        @{ Name = 'Add-RbTaskLabel'; Command = { Add-RbTaskLabel -Id 777 -Name x -Confirm:$false } }
        @{ Name = 'Get-RbHardwareConfig'; Command = { Get-RbHardwareConfig -Id 777 } }
        @{ Name = 'Get-RbFrame'; Command = { Get-RbFrame -TaskId 777 } }
        @{ Name = 'Get-RbTaskProgress'; Command = { Get-RbTaskProgress -TaskId 777 } }
        @{ Name = 'Restart-RbFrame -All'; Command = { Restart-RbFrame -TaskId 777 -All -Confirm:$false } }
    ) {
        $errors = Get-Refusal $Command
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Rb.TaskNotFound,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be 777
    }
}
