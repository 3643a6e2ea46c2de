#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# Restart-RbTask, Set-RbTask, Stop-RbTask and Get-RbTask's paging on an API 2.0 session, compared with a REST session
# on the same emulator: the same objects, the same error ids, nothing sent by -WhatIf or by what API 2.0 lacks.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:emulator = Start-RbEmulator -Seed 43 -TaskCount 4000 -Speed 0 -Confirm:$false
    $script:key = [System.Net.NetworkCredential]::new('', $script:emulator.AccessKey).Password
    $script:rest = Connect-Renderbus -Emulator $script:emulator -PassThru
    $script:api2 = Connect-Renderbus -Emulator $script:emulator -Protocol Api2 -PassThru

    function script:Operate { @($script:emulator.Requests | Where-Object Operation -eq 'operate_task') }
}

AfterAll {
    Disconnect-Renderbus -Session $script:rest -Confirm:$false
    Disconnect-Renderbus -Confirm:$false
    Stop-RbEmulator -Confirm:$false
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'Restart-RbTask on an API 2.0 session' {
    It '-WhatIf sends nothing' {
        $ids = @(Get-RbTask -Status Failed -First 5 -Session $script:rest).Id
        $script:emulator.ClearRequests()
        Restart-RbTask -Id $ids -FrameStatus Failed, Finished -WhatIf
        $script:emulator.Requests.Count | Should -Be 0
    }

    It 'Get-RbTask | Restart-RbTask resubmits what the same call on REST resubmits, one order per status' {
        $all = @(Get-RbTask -Status Failed, FinishedWithFailedFrames -Session $script:rest |
            Where-Object { $null -eq $_.ParentId })
        $all.Count | Should -BeGreaterThan 100
        $half = [int]($all.Count / 2)
        $viaApi2 = $all[0..($half - 1)]
        $viaRest = $all[$half..($all.Count - 1)]
        $script:emulator.ClearRequests()
        $outApi2 = @(Get-RbTask -Id $viaApi2.Id |
                Restart-RbTask -FrameStatus Failed, Finished -Confirm:$false -PassThru)
        $orders = @(Operate)
        $outRest = @($viaRest.Id | Restart-RbTask -FrameStatus Failed, Finished -Session $script:rest -Confirm:$false `
                -PassThru)
        $outApi2.Count | Should -Be $viaApi2.Count
        $outRest.Count | Should -Be $viaRest.Count
        $outApi2[0].GetType().FullName | Should -Be $outRest[0].GetType().FullName
        # at most 256 characters of ids per order, and two orders (two statuses) for each batch
        $orders.Count | Should -BeGreaterThan 4
        $orders.Count % 2 | Should -Be 0
        $orders | ForEach-Object { $_.IdCount | Should -BeLessOrEqual 32 }
        $after = @(Get-RbTask -Id $all.Id -Session $script:rest)
        $after | ForEach-Object { "$($_.Id): $($_.FailedFrames)/$($_.DoneFrames)" | Should -Be "$($_.Id): 0/0" }
        ($outApi2 | ForEach-Object { $_.FailedFrames + $_.DoneFrames } | Measure-Object -Sum).Sum | Should -Be 0
    }

    It 'refuses a frame status API 2.0 cannot restart with Rb.NotInProtocol per task, sending nothing' {
        $ids = @(Get-RbTask -Status Finished -First 3 -Session $script:rest).Id
        $script:emulator.ClearRequests()
        $err = $null
        Restart-RbTask -Id $ids -FrameStatus WaitingForPhotonFrame -Confirm:$false -ErrorVariable err `
            -ErrorAction SilentlyContinue
        @($err).Count | Should -Be 3
        $err | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Rb.NotInProtocol*' }
        $err[0].Exception.Message | Should -Match 'WaitingForPhotonFrame'
        $script:emulator.Requests.Count | Should -Be 0
    }

    It 'reports Rb.OutcomeUnknown for a restart whose answer was lost, and never sends it twice' {
        $ids = @(Get-RbTask -Status Stopped -First 4 -Session $script:rest).Id
        $null = $script:emulator.Faults.Add([RenderbusPS.Emulator.Faults.RbFault]@{
                Operation = 'operate_task'; LoseAnswer = $true })
        $script:emulator.ClearRequests()
        $err = $null
        Restart-RbTask -Id $ids -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        @($err).Count | Should -Be 4
        $err | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Rb.OutcomeUnknown*' }
        @(Operate).Count | Should -Be 1
    }
}

Describe 'Set-RbTask on an API 2.0 session' {
    It 'sets -Priority and -TimeoutStop (whole hours) as REST does, read back on REST' {
        $ids = @(Get-RbTask -Status Stopped -First 80 -Session $script:rest).Id
        $viaApi2 = $ids[0..39]
        $viaRest = $ids[40..79]
        $script:emulator.ClearRequests()
        $out = @($viaApi2 | Set-RbTask -Priority 60 -TimeoutStop 7200 -Confirm:$false -PassThru)
        $out.Count | Should -Be 40
        @(Operate).Count | Should -Be 2
        Set-RbTask -Id $viaRest -Priority 60 -TimeoutStop 7200 -Session $script:rest -Confirm:$false
        $after = @(Get-RbTask -Id $ids -Session $script:rest)
        $after | ForEach-Object {
            "$($_.Id) $($_.Priority) $($_.TimeoutStop)" | Should -Be "$($_.Id) 60 02:00:00"
        }
    }

    It '-WhatIf sends nothing' {
        $ids = @(Get-RbTask -Status Stopped -First 3 -Session $script:rest).Id
        $script:emulator.ClearRequests()
        Set-RbTask -Id $ids -Priority 50 -WhatIf
        $script:emulator.Requests.Count | Should -Be 0
    }

    It 'refuses the whole call with Rb.NotInProtocol per task for a setting API 2.0 lacks, sending nothing' {
        $ids = @(Get-RbTask -Status Stopped -First 3 -Session $script:rest).Id
        $script:emulator.ClearRequests()
        $err = $null
        Set-RbTask -Id $ids -Priority 60 -MachineLimit 4 -Confirm:$false -ErrorVariable err `
            -ErrorAction SilentlyContinue
        @($err).Count | Should -Be 3
        $err | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -BeLike 'Rb.NotInProtocol*'
            $_.ErrorDetails.Message | Should -Match '-MachineLimit'
        }
        $script:emulator.Requests.Count | Should -Be 0
        (Get-RbTask -Id $ids[0] -Session $script:rest).MachineLimit | Should -Not -Be 4
    }

    It 'refuses a time-out that is not whole hours with Rb.InvalidTimeoutStop, sending nothing' {
        $ids = @(Get-RbTask -Status Stopped -First 2 -Session $script:rest).Id
        $script:emulator.ClearRequests()
        $err = $null
        Set-RbTask -Id $ids -TimeoutStop 5400 -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        @($err).Count | Should -Be 2
        $err | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Rb.InvalidTimeoutStop*' }
        $err[0].Exception.Message | Should -Match 'whole number of hours'
        $script:emulator.Requests.Count | Should -Be 0
    }

    It 'refuses -Priority outside 50/60 before anything is sent, as on REST' {
        $script:emulator.ClearRequests()
        { Set-RbTask -Id 1 -Priority 7 -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'Rb.InvalidPriority*'
        { Set-RbTask -Id 1 -Priority 7 -Session $script:rest -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'Rb.InvalidPriority*'
        $script:emulator.Requests.Count | Should -Be 0
    }
}

Describe 'Get-RbTask -First/-Skip on an API 2.0 session' {
    It 'counts the tasks asked for, over several pages, as REST does' {
        $script:emulator.ClearRequests()
        $viaApi2 = @(Get-RbTask -Status Rendering -PageSize 7 -Skip 4 -First 30)
        @($script:emulator.Requests | Where-Object Operation -eq 'query_task').Count | Should -BeGreaterThan 1
        $viaRest = @(Get-RbTask -Status Rendering -PageSize 7 -Skip 4 -First 30 -Session $script:rest)
        $viaApi2.Count | Should -Be 30
        ($viaApi2.Id -join ',') | Should -Be ($viaRest.Id -join ',')
        $viaApi2 | ForEach-Object { $_.Status | Should -Be 'Rendering' }
    }

    It 'gives an estimated total with -IncludeTotalCount when the status is filtered here' {
        $first = @(Get-RbTask -Status Rendering -First 1 -IncludeTotalCount)[0]
        ($first | Out-String) | Should -Match 'Estimated total count'
    }
}

Describe 'Stop-RbTask at a few hundred tasks on an API 2.0 session' {
    It 'Get-RbTask | Stop-RbTask -WhatIf and Remove-RbTask -WhatIf send nothing but the listing' {
        $script:emulator.ClearRequests()
        Get-RbTask -Status Rendering | Stop-RbTask -WhatIf
        Get-RbTask -Status Stopped -First 5 | Remove-RbTask -WhatIf
        @($script:emulator.Requests).Count | Should -BeGreaterThan 0
        @($script:emulator.Requests | Where-Object Operation -ne 'query_task').Count | Should -Be 0
    }

    It 'a stop whose answer was lost reports done, as on REST' {
        $ids = @(Get-RbTask -Status Rendering -First 20 -Session $script:rest).Id
        $null = $script:emulator.Faults.Add([RenderbusPS.Emulator.Faults.RbFault]@{
                Operation = 'operate_task'; LoseAnswer = $true })
        $script:emulator.ClearRequests()
        $err = $null
        $out = @(Stop-RbTask -Id $ids -Confirm:$false -PassThru -ErrorVariable err -ErrorAction SilentlyContinue)
        @($err).Count | Should -Be 0
        $out.Count | Should -Be 20
        @(Operate).Count | Should -Be 2
        Get-RbTask -Id $ids -Session $script:rest | ForEach-Object { $_.Status | Should -Be 'Stopped' }
    }

    It 'Get-RbTask -Status Rendering | Stop-RbTask under faults leaves none rendering, the key nowhere' {
        $before = @(Get-RbTask -Status Rendering -Session $script:rest).Id
        $before.Count | Should -BeGreaterThan 150
        $script:emulator.Faults.Rates.Seed = 5
        $script:emulator.Faults.Rates.Unavailable = 0.1
        $script:emulator.Faults.Rates.Dropped = 0.05
        $script:emulator.Faults.Rates.Html = 0.05
        $script:emulator.Faults.Rates.LoseAnswer = 0.05
        $DebugPreference = 'Continue'
        try {
            $text = Get-RbTask -Status Rendering | Stop-RbTask -Confirm:$false -Verbose 5>&1 4>&1 2>&1 | Out-String
        }
        finally {
            $DebugPreference = 'SilentlyContinue'
            $script:emulator.Faults.Rates.Clear()
        }
        $text | Should -Match 'operate_task'
        $text | Should -Not -Match ([regex]::Escape($script:key.Substring(1)))
        ($script:emulator.Requests | Out-String) | Should -Not -Match ([regex]::Escape($script:key.Substring(1)))
        @(Get-RbTask -Status Rendering -Session $script:rest).Count | Should -Be 0
        Get-RbTask -Id $before -Session $script:rest | ForEach-Object { $_.Status | Should -Be 'Stopped' }
    }
}

Describe 'The access key on an API 2.0 session''s task actions' {
    It 'never shows in the output, errors, -Debug or -Verbose of Restart-RbTask, Set-RbTask and Start-RbTask' {
        $ids = @(Get-RbTask -Status Stopped -First 6 -Session $script:rest).Id
        $null = $script:emulator.Faults.Add([RenderbusPS.Emulator.Faults.RbFault]@{
                Operation = 'operate_task'; LoseAnswer = $true })
        $DebugPreference = 'Continue'
        try {
            $common = @{ Confirm = $false; Verbose = $true; ErrorAction = 'SilentlyContinue' }
            $out = @(Restart-RbTask -Id $ids -FrameStatus Stopped -PassThru -ErrorVariable e1 @common 5>&1 4>&1)
            $out += Restart-RbTask -Id $ids -FrameStatus Failed, Finished -PassThru -ErrorVariable e2 @common 5>&1 4>&1
            $out += Set-RbTask -Id $ids -Priority 60 -TimeoutStop 3600 -PassThru -ErrorVariable e3 @common 5>&1 4>&1
            $out += Set-RbTask -Id $ids -FullSpeed -ErrorVariable e4 @common 5>&1 4>&1
            $out += Start-RbTask -Id $ids -ErrorVariable e5 @common 5>&1 4>&1
            $errs = @($e1) + @($e2) + @($e3) + @($e4) + @($e5)
            $text = $out | Out-String -Width 500
            $text += ($errs | Out-String -Width 500) + ($errs | Format-List * -Force | Out-String -Width 500)
        }
        finally {
            $DebugPreference = 'SilentlyContinue'
        }
        $text | Should -Match 'may or may not have been carried out'
        $text | Should -Match 'not part of API 2.0'
        $text | Should -Match 'operate_task'
        $text | Should -Not -Match ([regex]::Escape($script:key.Substring(1)))
        ($script:emulator.Requests | Out-String) | Should -Not -Match ([regex]::Escape($script:key.Substring(1)))
    }
}
