<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Ud::Accounts::Account</name>
    <message>
        <source>Prepaid</source>
        <translation>预付费</translation>
    </message>
    <message>
        <source>Postpaid</source>
        <translation>后付费</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待开通</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::AccountService</name>
    <message>
        <source>There is no market %1: choose one of the markets UtilityDesk knows.</source>
        <translation>不存在市场 %1：请选择 UtilityDesk 支持的市场之一。</translation>
    </message>
    <message>
        <source>VAT date is not a valid date.</source>
        <translation>增值税日期不是有效日期。</translation>
    </message>
    <message>
        <source>Market %1 has no VAT rate on %2.</source>
        <translation>市场 %1 在 %2 没有增值税税率。</translation>
    </message>
    <message>
        <source>Address line 1 is required: enter the street and house number.</source>
        <translation>地址第 1 行为必填项：请输入街道和门牌号。</translation>
    </message>
    <message>
        <source>Address line 1 must be at most 200 characters.</source>
        <translation>地址第 1 行最多 200 个字符。</translation>
    </message>
    <message>
        <source>Address line 2 must be at most 200 characters.</source>
        <translation>地址第 2 行最多 200 个字符。</translation>
    </message>
    <message>
        <source>City must be at most 100 characters.</source>
        <translation>城市最多 100 个字符。</translation>
    </message>
    <message>
        <source>Postcode must be at most 20 characters.</source>
        <translation>邮政编码最多 20 个字符。</translation>
    </message>
    <message>
        <source>Region must be at most 100 characters.</source>
        <translation>地区最多 100 个字符。</translation>
    </message>
    <message>
        <source>Country &quot;%1&quot; is not a country code: enter the two-letter ISO code, for example GB, DE or CN.</source>
        <translation>国家“%1”不是国家代码：请输入两个字母的 ISO 代码，例如 GB、DE 或 CN。</translation>
    </message>
    <message>
        <source>Time zone &quot;%1&quot; is not known: enter an IANA time zone such as Europe/London or Asia/Shanghai.</source>
        <translation>未知时区“%1”：请输入 IANA 时区，例如 Europe/London 或 Asia/Shanghai。</translation>
    </message>
    <message>
        <source>Substation, feeder and transformer must be at most 64 characters each.</source>
        <translation>变电站、馈线和变压器各最多 64 个字符。</translation>
    </message>
    <message>
        <source>Coordinates need both latitude and longitude, or neither.</source>
        <translation>坐标须同时填写纬度和经度，或都不填写。</translation>
    </message>
    <message>
        <source>Latitude must be between -90 and 90 degrees.</source>
        <translation>纬度必须在 -90 到 90 度之间。</translation>
    </message>
    <message>
        <source>Longitude must be between -180 and 180 degrees.</source>
        <translation>经度必须在 -180 到 180 度之间。</translation>
    </message>
    <message>
        <source>The premise does not exist (any more); it may have been removed.</source>
        <translation>该场所不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Opening date must lie between 1970-01-01 and one year from today.</source>
        <translation>开户日期必须介于 1970-01-01 和今天起一年后之间。</translation>
    </message>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>该客户不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Market &quot;%1&quot; is not known: choose one of the markets UtilityDesk knows, such as GB, DE or CN.</source>
        <translation>未知市场“%1”：请选择 UtilityDesk 支持的市场，例如 GB、DE 或 CN。</translation>
    </message>
    <message>
        <source>Market %1 serves %2, but the premise is in %3: choose the market of the premise&apos;s country.</source>
        <translation>市场 %1 服务于 %2，但该场所位于 %3：请选择场所所在国家的市场。</translation>
    </message>
    <message>
        <source>The account does not exist (any more); it may have been removed.</source>
        <translation>该账户不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Closing date must not be before the account was opened (%1).</source>
        <translation>销户日期不能早于账户的开户日期（%1）。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::AccountsSettings</name>
    <message>
        <source>Site prefix must be one to six capital letters A-Z, for example UD.</source>
        <translation>站点前缀必须为 1 到 6 个大写字母 A-Z，例如 UD。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::Appliance</name>
    <message>
        <source>Solar PV</source>
        <translation>光伏发电</translation>
    </message>
    <message>
        <source>Home battery</source>
        <translation>家用储能电池</translation>
    </message>
    <message>
        <source>EV charger</source>
        <translation>电动汽车充电桩</translation>
    </message>
    <message>
        <source>Heat pump</source>
        <translation>热泵</translation>
    </message>
    <message>
        <source>Agricultural pump</source>
        <translation>农用水泵</translation>
    </message>
    <message>
        <source>Gas boiler</source>
        <translation>燃气锅炉</translation>
    </message>
    <message>
        <source>Electric heating</source>
        <translation>电采暖</translation>
    </message>
    <message>
        <source>Air conditioning</source>
        <translation>空调</translation>
    </message>
    <message>
        <source>Pool pump</source>
        <translation>泳池水泵</translation>
    </message>
    <message>
        <source>Water heater</source>
        <translation>热水器</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::ApplianceService</name>
    <message>
        <source>Capacity must be between 1 W and 50,000,000 W, or left empty when unknown.</source>
        <translation>容量必须在 1 W 到 50,000,000 W 之间；未知时请留空。</translation>
    </message>
    <message>
        <source>Installation date must lie between 1900-01-01 and today, or be left empty.</source>
        <translation>安装日期必须在 1900-01-01 到今天之间，或留空。</translation>
    </message>
    <message>
        <source>The premise does not exist (any more); it may have been removed.</source>
        <translation>该场所不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>The appliance does not exist (any more); it may have been removed.</source>
        <translation>该设备不存在（或已不存在），可能已被删除。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::ContactCodeListModel</name>
    <message>
        <source>%1 (inactive)</source>
        <translation>%1（已停用）</translation>
    </message>
    <message>
        <source>Key: %1</source>
        <translation>标识：%1</translation>
    </message>
    <message>
        <source>Key: %1. Not offered to agents; kept on past contacts.</source>
        <translation>标识：%1。不再提供给客服坐席选择；已有联系记录保留此代码。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::ContactCodeService</name>
    <message>
        <source>Wrap-up code</source>
        <translation>结束代码</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>缴费</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Outage</source>
        <translation>停供</translation>
    </message>
    <message>
        <source>Moving home</source>
        <translation>搬家</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>需跟进</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>Callback booked</source>
        <translation>已预约回电</translation>
    </message>
    <message>
        <source>No action needed</source>
        <translation>无需处理</translation>
    </message>
    <message>
        <source>The contact code does not exist (any more); it may have been removed.</source>
        <translation>该联系代码不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Name is required: enter the name agents will see in the %1 list.</source>
        <translation>名称为必填项：请输入客服坐席在%1列表中看到的名称。</translation>
    </message>
    <message>
        <source>Name must be at most %1 characters.</source>
        <translation>名称最多 %1 个字符。</translation>
    </message>
    <message>
        <source>Name: there is already a code named &quot;%1&quot;; choose another name.</source>
        <translation>名称：已存在名为“%1”的代码，请另选名称。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; comes with UtilityDesk and cannot be removed: deactivate it instead.</source>
        <translation>“%1”是 UtilityDesk 内置代码，不能删除：请改为停用。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is used by logged contacts and cannot be removed: deactivate it instead.</source>
        <translation>“%1”已被联系记录使用，不能删除：请改为停用。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::ContactCodesPage</name>
    <message>
        <source>The contact codes could not be loaded: %1</source>
        <translation>无法加载联系代码：%1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>重试(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>Ac&amp;tivate</source>
        <translation>启用(&amp;T)</translation>
    </message>
    <message>
        <source>Stop offering this code to agents; past contacts keep it</source>
        <translation>不再向客服坐席提供此代码；已有联系记录保留该代码</translation>
    </message>
    <message>
        <source>Offer this code to agents again</source>
        <translation>重新向客服坐席提供此代码</translation>
    </message>
    <message>
        <source>Enter the name of the new code.</source>
        <translation>请输入新代码的名称。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; added.</source>
        <translation>已添加“%1”。</translation>
    </message>
    <message>
        <source>Und&amp;o</source>
        <translation>撤销(&amp;O)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; renamed to &quot;%2&quot;.</source>
        <translation>已将“%1”重命名为“%2”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is offered to agents again.</source>
        <translation>已重新向客服坐席提供“%1”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is no longer offered to agents; past contacts keep it.</source>
        <translation>已不再向客服坐席提供“%1”；已有联系记录保留该代码。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; moved up.</source>
        <translation>已上移“%1”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; moved down.</source>
        <translation>已下移“%1”。</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Name of a new reason</source>
        <translation>新原因的名称</translation>
    </message>
    <message>
        <source>Wrap-up codes</source>
        <translation>结束代码</translation>
    </message>
    <message>
        <source>Name of a new wrap-up code</source>
        <translation>新结束代码的名称</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>重命名(&amp;R)</translation>
    </message>
    <message>
        <source>Rename the selected code (F2)</source>
        <translation>重命名所选代码（F2）</translation>
    </message>
    <message>
        <source>&amp;Add reason</source>
        <translation>添加原因(&amp;A)</translation>
    </message>
    <message>
        <source>Add wrap-up &amp;code</source>
        <translation>添加结束代码(&amp;C)</translation>
    </message>
    <message>
        <source>Contact codes</source>
        <translation>联系代码</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::Customer</name>
    <message>
        <source>Residential</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Commercial</source>
        <translation>商业</translation>
    </message>
    <message>
        <source>Industrial</source>
        <translation>工业</translation>
    </message>
    <message>
        <source>Agricultural</source>
        <translation>农业</translation>
    </message>
    <message>
        <source>Life support</source>
        <translation>生命支持设备</translation>
    </message>
    <message>
        <source>Elderly, living alone</source>
        <translation>独居老人</translation>
    </message>
    <message>
        <source>Medical equipment</source>
        <translation>医疗设备</translation>
    </message>
    <message>
        <source>Disability</source>
        <translation>残障</translation>
    </message>
    <message>
        <source>Young children</source>
        <translation>有幼儿</translation>
    </message>
    <message>
        <source>Financial hardship</source>
        <translation>经济困难</translation>
    </message>
    <message>
        <source>Language support</source>
        <translation>需要语言协助</translation>
    </message>
    <message>
        <source>Low income</source>
        <translation>低收入</translation>
    </message>
    <message>
        <source>Lower-middle income</source>
        <translation>中低收入</translation>
    </message>
    <message>
        <source>Middle income</source>
        <translation>中等收入</translation>
    </message>
    <message>
        <source>Upper-middle income</source>
        <translation>中高收入</translation>
    </message>
    <message>
        <source>High income</source>
        <translation>高收入</translation>
    </message>
    <message>
        <source>Excellent credit</source>
        <translation>信用优秀</translation>
    </message>
    <message>
        <source>Good credit</source>
        <translation>信用良好</translation>
    </message>
    <message>
        <source>Fair credit</source>
        <translation>信用一般</translation>
    </message>
    <message>
        <source>Poor credit</source>
        <translation>信用较差</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>Chinese (simplified)</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>西班牙语</translation>
    </message>
    <message>
        <source>national id</source>
        <translation>身份证件号码</translation>
    </message>
    <message>
        <source>bank account</source>
        <translation>银行账户</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerFinder</name>
    <message>
        <source>Could not search: %1</source>
        <translation>无法搜索：%1</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <source>No customer matches “%1”. Check the spelling, or search by phone, account number or postcode.</source>
        <translation>没有与“%1”匹配的客户。请检查拼写，或按电话、账号或邮政编码搜索。</translation>
    </message>
    <message>
        <source>&amp;Clear search</source>
        <translation>清除搜索(&amp;C)</translation>
    </message>
    <message>
        <source>Could not load: %1</source>
        <translation>无法加载：%1</translation>
    </message>
    <message>
        <source>No customers yet — create demo data with “utilitydesk demo”.</source>
        <translation>还没有客户——可运行“utilitydesk demo”创建演示数据。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message numerus="yes">
        <source>The best %n matches — type more to narrow them down</source>
        <translation>
            <numerusform>最匹配的 %n 条结果——输入更多内容以缩小范围</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matches</source>
        <translation>
            <numerusform>%n 条匹配结果</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading customers…</source>
        <translation>正在加载客户…</translation>
    </message>
    <message numerus="yes">
        <source>Showing %1 of %n customers</source>
        <translation>
            <numerusform>显示 %1 个，共 %n 个客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customers</source>
        <translation>
            <numerusform>%n 个客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>已选择 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Search by name, phone, customer, account or meter number, or postcode (Ctrl+F)</source>
        <translation>按姓名、电话、客户编号、账号、表号或邮政编码搜索（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search customers</source>
        <translation>搜索客户</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Matching customers</source>
        <translation>匹配的客户</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerHeader</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy %1 %2</source>
        <translation>复制%1 %2</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Could not load the customer: %1</source>
        <translation>无法加载客户：%1</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>客户 %1</translation>
    </message>
    <message>
        <source>customer number</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>账户 %1</translation>
    </message>
    <message>
        <source>Account %1 (%2)</source>
        <translation>账户 %1（%2）</translation>
    </message>
    <message>
        <source>account number</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>No account yet</source>
        <translation>尚无账户</translation>
    </message>
    <message>
        <source>No supply address</source>
        <translation>无供应地址</translation>
    </message>
    <message>
        <source>%1 (no consent recorded)</source>
        <translation>%1（未记录同意）</translation>
    </message>
    <message>
        <source>Consent given on %1</source>
        <translation>已于 %1 同意</translation>
    </message>
    <message>
        <source>No consent recorded</source>
        <translation>未记录同意</translation>
    </message>
    <message>
        <source>Identity verified: %1</source>
        <translation>身份已验证：%1</translation>
    </message>
    <message>
        <source>Identity not verified</source>
        <translation>身份未验证</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerHistory</name>
    <message>
        <source>Customer number</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>全名</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Household size</source>
        <translation>家庭人数</translation>
    </message>
    <message>
        <source>Income band</source>
        <translation>收入等级</translation>
    </message>
    <message>
        <source>Credit band</source>
        <translation>信用等级</translation>
    </message>
    <message>
        <source>Business type</source>
        <translation>行业类型</translation>
    </message>
    <message>
        <source>National id</source>
        <translation>身份证件号码</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>银行账户</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Payment type</source>
        <translation>付费方式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Opened on</source>
        <translation>开户日期</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>销户日期</translation>
    </message>
    <message>
        <source>Premise</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Address line 1</source>
        <translation>地址第 1 行</translation>
    </message>
    <message>
        <source>Address line 2</source>
        <translation>地址第 2 行</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Substation</source>
        <translation>变电站</translation>
    </message>
    <message>
        <source>Feeder</source>
        <translation>馈线</translation>
    </message>
    <message>
        <source>Transformer</source>
        <translation>变压器</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>已记录</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>已更改</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>A former premise</source>
        <translation>以前的地址</translation>
    </message>
    <message>
        <source>Vulnerability: %1</source>
        <translation>特殊关怀标记：%1</translation>
    </message>
    <message>
        <source>Consent given on %1</source>
        <translation>已于 %1 同意</translation>
    </message>
    <message>
        <source>No consent recorded</source>
        <translation>未记录同意</translation>
    </message>
    <message>
        <source>%1; notes: %2</source>
        <translation>%1；备注：%2</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>Saved unchanged</source>
        <translation>已保存（无更改）</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Vulnerability recorded</source>
        <translation>已记录特殊关怀标记</translation>
    </message>
    <message>
        <source>Vulnerability changed</source>
        <translation>已更改特殊关怀标记</translation>
    </message>
    <message>
        <source>Vulnerability removed</source>
        <translation>已移除特殊关怀标记</translation>
    </message>
    <message>
        <source>Revealed national id</source>
        <translation>已显示身份证件号码</translation>
    </message>
    <message>
        <source>Revealed bank account</source>
        <translation>已显示银行账户</translation>
    </message>
    <message>
        <source>Revealed %1</source>
        <translation>已显示%1</translation>
    </message>
    <message>
        <source>Account opened</source>
        <translation>已开户</translation>
    </message>
    <message>
        <source>Account status changed</source>
        <translation>账户状态已更改</translation>
    </message>
    <message>
        <source>Moved out</source>
        <translation>已迁出</translation>
    </message>
    <message>
        <source>Moved in</source>
        <translation>已迁入</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>已注册</translation>
    </message>
    <message>
        <source>Security answer set</source>
        <translation>已设置安全答案</translation>
    </message>
    <message>
        <source>Identity checked</source>
        <translation>已进行身份验证</translation>
    </message>
    <message>
        <source>Identity check refused</source>
        <translation>身份验证被拒绝</translation>
    </message>
    <message>
        <source>Premise added</source>
        <translation>已添加地址</translation>
    </message>
    <message>
        <source>Premise changed</source>
        <translation>已修改地址信息</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>账户 %1</translation>
    </message>
    <message>
        <source>Premise %1</source>
        <translation>地址 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>该客户不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Security question</source>
        <translation>安全问题</translation>
    </message>
    <message>
        <source>Security answer</source>
        <translation>安全答案</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerHistoryModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>变更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>变更后</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerHistorySection</name>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1，%2：%3</translation>
    </message>
    <message>
        <source>The change history could not be loaded: %1</source>
        <translation>无法加载变更历史：%1</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>&amp;Show all changes (%L1)</source>
        <translation>显示全部变更（%L1）(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Show all changes</source>
        <translation>显示全部变更(&amp;S)</translation>
    </message>
    <message>
        <source>Loading the change history…</source>
        <translation>正在加载变更历史…</translation>
    </message>
    <message>
        <source>No changes recorded yet</source>
        <translation>尚无变更记录</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerHistoryView</name>
    <message>
        <source>The change history could not be loaded: %1</source>
        <translation>无法加载变更历史：%1</translation>
    </message>
    <message>
        <source>T&amp;ry again</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>Loading the change history…</source>
        <translation>正在加载变更历史…</translation>
    </message>
    <message>
        <source>The change history could not be loaded.</source>
        <translation>无法加载变更历史。</translation>
    </message>
    <message>
        <source>No changes recorded yet</source>
        <translation>尚无变更记录</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) recorded</source>
        <translation>
            <numerusform>已记录 %n 项变更</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerListModel</name>
    <message>
        <source>Customer number</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerMatchModel</name>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Meter serial</source>
        <translation>表号</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>%1 (typo)</source>
        <translation>%1（拼写近似）</translation>
    </message>
    <message>
        <source>Account numbers</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Matched on</source>
        <translation>匹配依据</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerProfileEditor</name>
    <message>
        <source>&amp;Full name:</source>
        <translation>全名(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Given name:</source>
        <translation>名(&amp;G)：</translation>
    </message>
    <message>
        <source>Famil&amp;y name:</source>
        <translation>姓(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Class:</source>
        <translation>类别(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>电子邮件(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Date of birth:</source>
        <translation>出生日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Un&amp;known</source>
        <translation>未知(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Income band:</source>
        <translation>收入等级(&amp;I)：</translation>
    </message>
    <message>
        <source>C&amp;redit band:</source>
        <translation>信用等级(&amp;R)：</translation>
    </message>
    <message>
        <source>B&amp;usiness type:</source>
        <translation>行业类型(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Household size:</source>
        <translation>家庭人数(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;National id:</source>
        <translation>身份证件号码(&amp;N)：</translation>
    </message>
    <message>
        <source>Re&amp;veal</source>
        <translation>显示(&amp;V)</translation>
    </message>
    <message>
        <source>Show the national id (the reveal is recorded in the audit log)</source>
        <translation>显示身份证件号码（此操作将记录在审计日志中）</translation>
    </message>
    <message>
        <source>Type a new national id to replace it</source>
        <translation>输入新的身份证件号码以替换</translation>
    </message>
    <message>
        <source>&amp;Bank account:</source>
        <translation>银行账户(&amp;B)：</translation>
    </message>
    <message>
        <source>Reve&amp;al</source>
        <translation>显示(&amp;A)</translation>
    </message>
    <message>
        <source>Show the bank account (the reveal is recorded in the audit log)</source>
        <translation>显示银行账户（此操作将记录在审计日志中）</translation>
    </message>
    <message>
        <source>Type a new bank account to replace it</source>
        <translation>输入新的银行账户以替换</translation>
    </message>
    <message>
        <source>You may view this profile but not change it.</source>
        <translation>您可以查看此资料，但不能修改。</translation>
    </message>
    <message>
        <source>Rever&amp;t</source>
        <translation>还原(&amp;T)</translation>
    </message>
    <message>
        <source>Show the stored values again, dropping unsaved edits</source>
        <translation>重新显示已保存的值，放弃未保存的修改</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the profile (%1)</source>
        <translation>保存资料（%1）</translation>
    </message>
    <message>
        <source>full name</source>
        <translation>全名</translation>
    </message>
    <message>
        <source>given name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>income band</source>
        <translation>收入等级</translation>
    </message>
    <message>
        <source>credit band</source>
        <translation>信用等级</translation>
    </message>
    <message>
        <source>business type</source>
        <translation>行业类型</translation>
    </message>
    <message>
        <source>household size</source>
        <translation>家庭人数</translation>
    </message>
    <message>
        <source>national id</source>
        <translation>身份证件号码</translation>
    </message>
    <message>
        <source>bank account</source>
        <translation>银行账户</translation>
    </message>
    <message>
        <source>None on record</source>
        <translation>无记录</translation>
    </message>
    <message>
        <source>You may not view sensitive customer data: ask a supervisor.</source>
        <translation>您无权查看客户敏感数据：请联系主管。</translation>
    </message>
    <message>
        <source>The profile could not be loaded: %1</source>
        <translation>无法加载资料：%1</translation>
    </message>
    <message>
        <source>T&amp;ry again</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>Nothing to save: no field was changed.</source>
        <translation>无需保存：没有字段被更改。</translation>
    </message>
    <message>
        <source>Profile change undone: %1</source>
        <translation>已撤销资料更改：%1</translation>
    </message>
    <message>
        <source>Profile changed: %1</source>
        <translation>资料已更改：%1</translation>
    </message>
    <message>
        <source>Undone: %1 as before.</source>
        <translation>已撤销：%1已恢复为原值。</translation>
    </message>
    <message>
        <source>Saved; no stored value changed.</source>
        <translation>已保存；存储的值均未改变。</translation>
    </message>
    <message>
        <source>Changed %1.</source>
        <translation>已更改%1。</translation>
    </message>
    <message>
        <source>Und&amp;o</source>
        <translation>撤销(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Load the stored values</source>
        <translation>重新加载已保存的值(&amp;L)</translation>
    </message>
    <message>
        <source>Security &amp;question:</source>
        <translation>安全问题(&amp;Q)：</translation>
    </message>
    <message>
        <source>A question only the customer can answer</source>
        <translation>只有客户本人能回答的问题</translation>
    </message>
    <message>
        <source>Security ans&amp;wer:</source>
        <translation>安全答案(&amp;W)：</translation>
    </message>
    <message>
        <source>Type the customer&apos;s new answer</source>
        <translation>输入客户的新答案</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>已记录</translation>
    </message>
    <message>
        <source>security answer</source>
        <translation>安全答案</translation>
    </message>
    <message>
        <source>The profile was saved, but the security answer was not: %1</source>
        <translation>资料已保存，但安全答案未保存：%1</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerSearch</name>
    <message>
        <source>The number of search results must be from 1 to 1000, not %1.</source>
        <translation>搜索结果数必须在 1 到 1000 之间，而不是 %1。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerService</name>
    <message>
        <source>Full name is required: enter the customer&apos;s name as they write it.</source>
        <translation>全名为必填项：请按客户本人的写法输入姓名。</translation>
    </message>
    <message>
        <source>Full name must be at most 200 characters.</source>
        <translation>全名最多 200 个字符。</translation>
    </message>
    <message>
        <source>Given name must be at most 100 characters.</source>
        <translation>名最多 100 个字符。</translation>
    </message>
    <message>
        <source>Family name must be at most 100 characters.</source>
        <translation>姓最多 100 个字符。</translation>
    </message>
    <message>
        <source>Customer number may only contain letters, digits and dashes, at most 32 of them.</source>
        <translation>客户编号只能包含字母、数字和连字符，最多 32 个。</translation>
    </message>
    <message>
        <source>Language must be a language code such as en, zh_CN or es.</source>
        <translation>语言必须是语言代码，例如 en、zh_CN 或 es。</translation>
    </message>
    <message>
        <source>Email &quot;%1&quot; is not an address: enter it like name@example.com.</source>
        <translation>电子邮件“%1”不是有效地址：请按 name@example.com 的格式输入。</translation>
    </message>
    <message>
        <source>Phone number &quot;%1&quot; has no country code: enter it with one, for example +44 20 7946 0958.</source>
        <translation>电话号码“%1”没有国家代码：请带国家代码输入，例如 +44 20 7946 0958。</translation>
    </message>
    <message>
        <source>Phone number &quot;%1&quot; is not a valid number: check the digits and the country code.</source>
        <translation>电话号码“%1”无效：请检查数字和国家代码。</translation>
    </message>
    <message>
        <source>Phone number &quot;%1&quot; is not a valid number in %2: check the digits, or enter it with its country code.</source>
        <translation>电话号码“%1”在 %2 不是有效号码：请检查数字，或带国家代码输入。</translation>
    </message>
    <message>
        <source>Income band must be one of: %1.</source>
        <translation>收入等级必须是以下之一：%1。</translation>
    </message>
    <message>
        <source>Credit band must be one of: %1.</source>
        <translation>信用等级必须是以下之一：%1。</translation>
    </message>
    <message>
        <source>Business type must be at most 100 characters.</source>
        <translation>行业类型最多 100 个字符。</translation>
    </message>
    <message>
        <source>Household size must be between 1 and 20.</source>
        <translation>家庭人数必须在 1 到 20 之间。</translation>
    </message>
    <message>
        <source>Date of birth must be a date between 1900-01-01 and today.</source>
        <translation>出生日期必须是 1900-01-01 到今天之间的日期。</translation>
    </message>
    <message>
        <source>National id must be 4 to 40 letters and digits; spaces, dots, slashes and dashes may separate them.</source>
        <translation>身份证件号码必须由 4 到 40 个字母和数字组成，可用空格、点、斜杠和连字符分隔。</translation>
    </message>
    <message>
        <source>Bank account must be 6 to 42 letters and digits, for example an IBAN such as GB33 BUKB 2020 1555 5555 55.</source>
        <translation>银行账户必须由 6 到 42 个字母和数字组成，例如 IBAN：GB33 BUKB 2020 1555 5555 55。</translation>
    </message>
    <message>
        <source>Vulnerability notes must be at most 2000 characters.</source>
        <translation>特殊关怀备注最多 2000 个字符。</translation>
    </message>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>该客户不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Customer number %1 is already taken: leave it empty to get the next free number.</source>
        <translation>客户编号 %1 已被占用：留空即可获得下一个可用编号。</translation>
    </message>
    <message>
        <source>Customer %1 was changed by someone else after you opened it: open it again and repeat your change.</source>
        <translation>客户 %1 在您打开后已被他人修改：请重新打开并再次进行修改。</translation>
    </message>
    <message>
        <source>Customer number %1 is already taken.</source>
        <translation>客户编号 %1 已被占用。</translation>
    </message>
    <message>
        <source>Customer %1 still has accounts: close and remove their accounts before removing the customer.</source>
        <translation>客户 %1 仍有账户：请先关闭并删除其账户，再删除该客户。</translation>
    </message>
    <message>
        <source>Customer %1 has no &quot;%2&quot; flag to remove.</source>
        <translation>客户 %1 没有可移除的“%2”标记。</translation>
    </message>
    <message>
        <source>%1 (%2) may not reveal a customer&apos;s %3: ask a supervisor, who may view sensitive customer data.</source>
        <translation>%1（%2）无权显示客户的%3：请联系有权查看客户敏感数据的主管。</translation>
    </message>
    <message>
        <source>Customer %1 has no %2 on record.</source>
        <translation>客户 %1 没有%2记录。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerTab</name>
    <message>
        <source>Shortcut: %1</source>
        <translation>快捷键：%1</translation>
    </message>
    <message>
        <source>This customer has been removed.</source>
        <translation>该客户已被删除。</translation>
    </message>
    <message>
        <source>Verify the caller&apos;s identity first.</source>
        <translation>请先验证来电者身份。</translation>
    </message>
    <message>
        <source>Could not reload the customer: %1</source>
        <translation>无法重新加载客户：%1</translation>
    </message>
    <message>
        <source>This customer has been removed; what the tab shows is how they were.</source>
        <translation>该客户已被删除；此标签页显示的是删除前的信息。</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Customer actions</source>
        <translation>客户操作</translation>
    </message>
    <message>
        <source>No sections are available to your role.</source>
        <translation>您的角色没有可用的版块。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>&amp;Find Customer</source>
        <translation>查找客户(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New Customer…</source>
        <translation>新建客户(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Close Customer Tab</source>
        <translation>关闭客户标签页(&amp;C)</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Find a customer (Ctrl+F)</source>
        <translation>查找客户（Ctrl+F）</translation>
    </message>
    <message>
        <source>Customer not found</source>
        <translation>未找到客户</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::IdentityPanel</name>
    <message>
        <source>&amp;Verify identity…</source>
        <translation>验证身份(&amp;V)…</translation>
    </message>
    <message>
        <source>Verify identity</source>
        <translation>验证身份</translation>
    </message>
    <message>
        <source>No date of birth or security answer on record: verify the caller another way and record one.</source>
        <translation>没有出生日期或安全答案记录：请通过其他方式验证来电者身份，并记录其中一项。</translation>
    </message>
    <message>
        <source>Already verified in this contact by %1.</source>
        <translation>本次联系中已通过%1验证。</translation>
    </message>
    <message>
        <source>What is on record could not be loaded: %1</source>
        <translation>无法加载已记录的信息：%1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>重试(&amp;Y)</translation>
    </message>
    <message>
        <source>Enter what the caller gives: their date of birth or the answer to the security question.</source>
        <translation>请输入来电者提供的信息：出生日期或安全问题的答案。</translation>
    </message>
    <message>
        <source>Identity verified by %1</source>
        <translation>身份已通过%1验证</translation>
    </message>
    <message>
        <source>✓ Matches</source>
        <translation>✓ 匹配</translation>
    </message>
    <message>
        <source>✗ Does not match</source>
        <translation>✗ 不匹配</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>未询问</translation>
    </message>
    <message>
        <source>Not on record</source>
        <translation>无记录</translation>
    </message>
    <message>
        <source>Ask the caller for what is on record; every item on record must match.</source>
        <translation>请向来电者询问已记录的信息；所有已记录的项都必须匹配。</translation>
    </message>
    <message>
        <source>&amp;Date of birth:</source>
        <translation>出生日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Security question:</source>
        <translation>安全问题：</translation>
    </message>
    <message>
        <source>&amp;Answer:</source>
        <translation>答案(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>验证(&amp;V)</translation>
    </message>
    <message>
        <source>Check what the caller said against the record (Enter)</source>
        <translation>将来电者提供的信息与记录核对（Enter）</translation>
    </message>
    <message>
        <source>No security question on record.</source>
        <translation>没有安全问题记录。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Enter what the caller gives: their date of birth, the answer to the security question or another item on record.</source>
        <translation>输入来电者提供的信息：出生日期、安全问题的答案或其他已登记的信息。</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::IdentityService</name>
    <message>
        <source>date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>security answer</source>
        <translation>安全答案</translation>
    </message>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>该客户不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Security question is required: enter a question only the customer can answer.</source>
        <translation>安全问题为必填项：请输入只有客户本人能回答的问题。</translation>
    </message>
    <message>
        <source>Security question must be at most 200 characters.</source>
        <translation>安全问题最多 200 个字符。</translation>
    </message>
    <message>
        <source>Security answer is required: enter the customer&apos;s answer, at least 2 characters.</source>
        <translation>安全答案为必填项：请输入客户的答案，至少 2 个字符。</translation>
    </message>
    <message>
        <source>Security answer must be at most 200 characters.</source>
        <translation>安全答案最多 200 个字符。</translation>
    </message>
    <message numerus="yes">
        <source>Identity checks for this customer are paused after %1 failed checks in %2 minutes: try again in %n minute(s), or verify the caller another way.</source>
        <translation>
            <numerusform>该客户在 %2 分钟内身份验证失败 %1 次，已暂停验证：请在 %n 分钟后重试，或通过其他方式验证来电者身份。</numerusform>
        </translation>
    </message>
    <message>
        <source>No date of birth or security answer on record: verify the caller another way and record one.</source>
        <translation>没有出生日期或安全答案记录：请通过其他方式验证来电者身份，并记录其中一项。</translation>
    </message>
    <message>
        <source>Not verified: the %1 did not match.</source>
        <translation>未通过验证：%1不匹配。</translation>
    </message>
    <message>
        <source>Not verified yet: ask for the %1 as well.</source>
        <translation>尚未验证：还需询问%1。</translation>
    </message>
    <message>
        <source>Identity verified by %1.</source>
        <translation>身份已通过%1验证。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::Interaction</name>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>在线聊天</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>上门</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>呼出</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>呼入</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::InteractionService</name>
    <message>
        <source>Reason must be at most 100 characters.</source>
        <translation>原因最多 100 个字符。</translation>
    </message>
    <message>
        <source>Summary must be at most 500 characters.</source>
        <translation>摘要最多 500 个字符。</translation>
    </message>
    <message>
        <source>Notes must be at most 4000 characters.</source>
        <translation>备注最多 4000 个字符。</translation>
    </message>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>该客户不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Account: choose one of this customer&apos;s accounts, or none.</source>
        <translation>账户：请选择该客户的一个账户，或不选。</translation>
    </message>
    <message>
        <source>Reason code is required: choose why the customer got in touch.</source>
        <translation>原因代码为必填项：请选择客户联系的原因。</translation>
    </message>
    <message>
        <source>Wrap-up code is required: choose how the contact ended.</source>
        <translation>结束代码为必填项：请选择本次联系的结束方式。</translation>
    </message>
    <message>
        <source>Duration must be between 0 and 24 hours.</source>
        <translation>时长必须在 0 到 24 小时之间。</translation>
    </message>
    <message>
        <source>Identity check must be at most 200 characters.</source>
        <translation>身份验证说明最多 200 个字符。</translation>
    </message>
    <message>
        <source>Reason code &quot;%1&quot; is not an active reason: choose one from the list.</source>
        <translation>原因代码“%1”未启用：请从列表中选择。</translation>
    </message>
    <message>
        <source>Wrap-up code &quot;%1&quot; is not an active wrap-up code: choose one from the list.</source>
        <translation>结束代码“%1”未启用：请从列表中选择。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::MarketRules</name>
    <message>
        <source>the United Kingdom</source>
        <translation>英国</translation>
    </message>
    <message>
        <source>Germany</source>
        <translation>德国</translation>
    </message>
    <message>
        <source>Spain</source>
        <translation>西班牙</translation>
    </message>
    <message>
        <source>China</source>
        <translation>中国</translation>
    </message>
    <message>
        <source>Postcode is required: enter the British postcode, for example SW1A 1AA.</source>
        <translation>邮政编码为必填项：请输入英国邮政编码，例如 SW1A 1AA。</translation>
    </message>
    <message>
        <source>Postcode &quot;%1&quot; is not a British postcode: enter it like SW1A 1AA, with or without the space.</source>
        <translation>邮政编码“%1”不是英国邮政编码：请按 SW1A 1AA 的格式输入，空格可有可无。</translation>
    </message>
    <message>
        <source>Postcode is required: enter the German postcode of five digits, for example 10117.</source>
        <translation>邮政编码为必填项：请输入五位数字的德国邮政编码，例如 10117。</translation>
    </message>
    <message>
        <source>Postcode &quot;%1&quot; is not a German postcode: enter five digits, for example 10117.</source>
        <translation>邮政编码“%1”不是德国邮政编码：请输入五位数字，例如 10117。</translation>
    </message>
    <message>
        <source>Postcode is required: enter the Spanish postcode of five digits, for example 28013.</source>
        <translation>邮政编码为必填项：请输入五位数字的西班牙邮政编码，例如 28013。</translation>
    </message>
    <message>
        <source>Postcode &quot;%1&quot; is not a Spanish postcode: enter five digits, for example 28013.</source>
        <translation>邮政编码“%1”不是西班牙邮政编码：请输入五位数字，例如 28013。</translation>
    </message>
    <message>
        <source>Postcode &quot;%1&quot; is not a Spanish postcode: its first two digits are the province, from 01 to 52, for example 28013.</source>
        <translation>邮政编码“%1”不是西班牙邮政编码：前两位数字表示省份，应为 01 到 52，例如 28013。</translation>
    </message>
    <message>
        <source>Postcode is required: enter the Chinese postcode of six digits, for example 200001.</source>
        <translation>邮政编码为必填项：请输入六位数字的中国邮政编码，例如 200001。</translation>
    </message>
    <message>
        <source>Postcode &quot;%1&quot; is not a Chinese postcode: enter six digits, for example 200001.</source>
        <translation>邮政编码“%1”不是中国邮政编码：请输入六位数字，例如 200001。</translation>
    </message>
    <message>
        <source>Phone number &quot;%1&quot; has no country code: enter it with one, for example +44 20 7946 0958.</source>
        <translation>电话号码“%1”没有国家代码：请带国家代码输入，例如 +44 20 7946 0958。</translation>
    </message>
    <message>
        <source>Phone number &quot;%1&quot; is not a valid number in %2: check the digits, or enter it with its country code.</source>
        <translation>电话号码“%1”在%2不是有效号码：请检查数字，或带国家代码输入。</translation>
    </message>
    <message>
        <source>Phone number &quot;%1&quot; is not a valid number in %2: check the digits, for example %3, or enter it with its country code.</source>
        <translation>电话号码“%1”在%2不是有效号码：请检查数字（例如 %3），或带国家代码输入。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::Meter</name>
    <message>
        <source>Electricity</source>
        <translation>电</translation>
    </message>
    <message>
        <source>Gas</source>
        <translation>燃气</translation>
    </message>
    <message>
        <source>Water</source>
        <translation>水</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>正向</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>Reactive</source>
        <translation>无功</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::MeterService</name>
    <message>
        <source>Service point identifier is required: enter the supply number (MPAN, MPRN or the local equivalent).</source>
        <translation>供应点编号为必填项：请输入供应编号（MPAN、MPRN 或当地的对应编号）。</translation>
    </message>
    <message>
        <source>Service point identifier may only contain letters, digits, spaces and dashes, at most 40 of them.</source>
        <translation>供应点编号只能包含字母、数字、空格和连字符，最多 40 个。</translation>
    </message>
    <message>
        <source>The premise does not exist (any more); it may have been removed.</source>
        <translation>该场所不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>The account does not exist (any more); it may have been removed.</source>
        <translation>该账户不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Account %1 is for another premise: choose an account at this premise.</source>
        <translation>账户 %1 属于另一个场所：请选择此场所的账户。</translation>
    </message>
    <message>
        <source>Service point %1 already exists.</source>
        <translation>供应点 %1 已存在。</translation>
    </message>
    <message>
        <source>Meter serial is required: enter the serial number printed on the meter.</source>
        <translation>表号为必填项：请输入计量表上印的序列号。</translation>
    </message>
    <message>
        <source>Meter serial may only contain letters, digits, slashes and dashes, at most 40 of them.</source>
        <translation>表号只能包含字母、数字、斜杠和连字符，最多 40 个。</translation>
    </message>
    <message>
        <source>Channels: a meter needs at least one channel, usually import.</source>
        <translation>通道：计量表至少需要一个通道，通常为正向。</translation>
    </message>
    <message>
        <source>The service point does not exist (any more); it may have been removed.</source>
        <translation>该供应点不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Channels: %1 is listed twice.</source>
        <translation>通道：%1 重复列出。</translation>
    </message>
    <message>
        <source>Channels: a %1 meter cannot record %2 in %3. Electricity records import and export in Wh and reactive in varh; gas records import in Wh or L; water records import in L.</source>
        <translation>通道：%1计量表不能以 %3 记录“%2”。电计量表以 Wh 记录正向和反向、以 varh 记录无功；燃气计量表以 Wh 或 L 记录正向；水计量表以 L 记录正向。</translation>
    </message>
    <message>
        <source>Installation date must lie between 1970-01-01 and one year from today.</source>
        <translation>安装日期必须介于 1970-01-01 和今天起一年后之间。</translation>
    </message>
    <message>
        <source>A meter with serial %1 already exists.</source>
        <translation>表号为 %1 的计量表已存在。</translation>
    </message>
    <message>
        <source>The meter does not exist (any more); it may have been removed.</source>
        <translation>该计量表不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Interval must be 5, 15, 30, 60 minutes or daily (1440) (got %1).</source>
        <translation>间隔必须为 5、15、30、60 分钟或每日（1440）（当前为 %1）。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::MoveForm</name>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>%1 has no open account to move out of: open an account at the new address instead.</source>
        <translation>%1 没有可迁出的有效账户：请改为在新地址开立账户。</translation>
    </message>
    <message>
        <source>Could not load the customer&apos;s accounts: %1</source>
        <translation>无法加载客户的账户：%1</translation>
    </message>
    <message>
        <source>Type a street, town or postcode to find the address.</source>
        <translation>输入街道、城镇或邮政编码以查找地址。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>%1 (vacant)</source>
        <translation>%1（空置）</translation>
    </message>
    <message>
        <source>%1 (supplied to account %2)</source>
        <translation>%1（正在向账户 %2 供应）</translation>
    </message>
    <message>
        <source>No address on record matches “%1”: check the spelling, or enter it as a new address.</source>
        <translation>没有与“%1”匹配的已记录地址：请检查拼写，或将其作为新地址输入。</translation>
    </message>
    <message numerus="yes">
        <source>%n addresses found.</source>
        <translation>
            <numerusform>找到 %n 个地址。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not search: %1</source>
        <translation>无法搜索：%1</translation>
    </message>
    <message>
        <source>%1 is still supplied to account %2: that account must move out (with its final reading) before anyone moves in.</source>
        <translation>%1 仍在向账户 %2 供应：该账户须先迁出（并登记最终读数），其他人才能迁入。</translation>
    </message>
    <message>
        <source>Choose the address the customer moves to: search for it by street, town or postcode, or enter a new address.</source>
        <translation>请选择客户迁入的地址：按街道、城镇或邮政编码搜索，或输入新地址。</translation>
    </message>
    <message>
        <source>Market is required: choose the market that supplies the new address.</source>
        <translation>市场为必填项：请选择为新地址供应的市场。</translation>
    </message>
    <message>
        <source>Moved from %1 to %2: final reading %3, new account %4 from %5</source>
        <translation>已从 %1 迁至 %2：最终读数日期为 %3，新账户 %4 自 %5 起生效</translation>
    </message>
    <message>
        <source>The move was not saved: %1</source>
        <translation>搬迁未保存：%1</translation>
    </message>
    <message>
        <source>Moving home ends the supply at the old address on the day of the final meter reading and opens a new account at the new one.</source>
        <translation>搬家将在最终抄表当日终止旧地址的供应，并在新地址开立新账户。</translation>
    </message>
    <message>
        <source>&amp;Moving out of:</source>
        <translation>迁出(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Final reading on:</source>
        <translation>最终读数日期(&amp;F)：</translation>
    </message>
    <message>
        <source>Moving to:</source>
        <translation>迁入：</translation>
    </message>
    <message>
        <source>An address on &amp;record</source>
        <translation>已记录的地址(&amp;R)</translation>
    </message>
    <message>
        <source>A ne&amp;w address</source>
        <translation>新地址(&amp;W)</translation>
    </message>
    <message>
        <source>Fin&amp;d address:</source>
        <translation>查找地址(&amp;D)：</translation>
    </message>
    <message>
        <source>Street, town or postcode</source>
        <translation>街道、城镇或邮政编码</translation>
    </message>
    <message>
        <source>Addresses found</source>
        <translation>找到的地址</translation>
    </message>
    <message>
        <source>Mar&amp;ket:</source>
        <translation>市场(&amp;K)：</translation>
    </message>
    <message>
        <source>Address line &amp;1:</source>
        <translation>地址第 1 行(&amp;1)：</translation>
    </message>
    <message>
        <source>Address line &amp;2:</source>
        <translation>地址第 2 行(&amp;2)：</translation>
    </message>
    <message>
        <source>C&amp;ity:</source>
        <translation>城市(&amp;I)：</translation>
    </message>
    <message>
        <source>Post&amp;code:</source>
        <translation>邮政编码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>时区(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Start date at the new address:</source>
        <translation>新地址开始日期(&amp;S)：</translation>
    </message>
    <message>
        <source>Pa&amp;yment type:</source>
        <translation>付费方式(&amp;Y)：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>M&amp;ove</source>
        <translation>搬迁(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Move home…</source>
        <translation>搬家(&amp;M)…</translation>
    </message>
    <message>
        <source>Move home</source>
        <translation>搬家</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::MoveService</name>
    <message>
        <source>The account does not exist (any more); it may have been removed.</source>
        <translation>该账户不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Account %1 is already closed (on %2): its customer has moved out of it already.</source>
        <translation>账户 %1 已于 %2 关闭：其客户已经迁出。</translation>
    </message>
    <message>
        <source>Final reading date is required: enter the day of the last meter reading at the address being left.</source>
        <translation>最终读数日期为必填项：请输入迁出地址最后一次抄表的日期。</translation>
    </message>
    <message>
        <source>Final reading date must not be before account %1 was opened (%2).</source>
        <translation>最终读数日期不能早于账户 %1 的开户日期（%2）。</translation>
    </message>
    <message numerus="yes">
        <source>Final reading date must be at most %n days from today: enter %1 or an earlier day.</source>
        <translation>
            <numerusform>最终读数日期最晚为今天起 %n 天后：请输入 %1 或更早的日期。</numerusform>
        </translation>
    </message>
    <message>
        <source>Start date must lie between %1 and %2: enter the day the customer takes over the supply.</source>
        <translation>开始日期必须在 %1 到 %2 之间：请输入客户开始接手供应的日期。</translation>
    </message>
    <message>
        <source>The premise does not exist (any more); it may have been removed.</source>
        <translation>该地址不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>%1 is still supplied to account %2: that account must move out (with its final reading) before anyone moves in.</source>
        <translation>%1 仍在向账户 %2 供应：该账户须先迁出（并登记最终读数），其他人才能迁入。</translation>
    </message>
    <message>
        <source>Start date must not be before the previous occupant&apos;s final reading on %1: enter that day or a later one.</source>
        <translation>开始日期不能早于前一位住户的最终读数日期 %1：请输入该日期或更晚的日期。</translation>
    </message>
    <message>
        <source>Market is required for a new address: choose the market that supplies it.</source>
        <translation>新地址必须指定市场：请选择为该地址供应的市场。</translation>
    </message>
    <message>
        <source>The customer is moving out of that address: choose the address they move to.</source>
        <translation>客户正在迁出该地址：请选择其迁入的地址。</translation>
    </message>
    <message>
        <source>No market supplies %1, where the new address is: choose an address in a country UtilityDesk serves.</source>
        <translation>新地址所在的 %1 没有供应市场：请选择 UtilityDesk 服务的国家中的地址。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::ProfileUi</name>
    <message>
        <source>Edit &amp;profile</source>
        <translation>编辑资料(&amp;P)</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>资料</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>变更历史</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>资料(&amp;P)</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::RegionAccess</name>
    <message>
        <source>Customer %1 is outside your region: you have no region yet, so you see no customers. Ask an administrator to set your region.</source>
        <translation>客户 %1 不在您的区域内：您尚未分配区域，因此看不到任何客户。请联系管理员设置您的区域。</translation>
    </message>
    <message>
        <source>Customer %1 is outside your region %2.</source>
        <translation>客户 %1 不在您的区域 %2 内。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::RegistrationService</name>
    <message>
        <source>same phone number</source>
        <translation>电话号码相同</translation>
    </message>
    <message>
        <source>same name at the same address</source>
        <translation>同一地址下姓名相同</translation>
    </message>
    <message>
        <source>Address line 1 is required: enter the street and house number.</source>
        <translation>地址第 1 行为必填项：请输入街道和门牌号。</translation>
    </message>
    <message>
        <source>Address line 1 must be at most 200 characters.</source>
        <translation>地址第 1 行最多 200 个字符。</translation>
    </message>
    <message>
        <source>Address line 2 must be at most 200 characters.</source>
        <translation>地址第 2 行最多 200 个字符。</translation>
    </message>
    <message>
        <source>City is required: enter the town or city of the premise.</source>
        <translation>城市为必填项：请输入该地址所在的城镇或城市。</translation>
    </message>
    <message>
        <source>City must be at most 100 characters.</source>
        <translation>城市最多 100 个字符。</translation>
    </message>
    <message>
        <source>Time zone is required: enter an IANA time zone such as Europe/London or Asia/Shanghai.</source>
        <translation>时区为必填项：请输入 IANA 时区，例如 Europe/London 或 Asia/Shanghai。</translation>
    </message>
    <message>
        <source>Time zone &quot;%1&quot; is not known: enter an IANA time zone such as Europe/London or Asia/Shanghai.</source>
        <translation>未知时区“%1”：请输入 IANA 时区，例如 Europe/London 或 Asia/Shanghai。</translation>
    </message>
    <message>
        <source>Full name is required: enter the customer&apos;s name as they write it.</source>
        <translation>全名为必填项：请按客户本人的写法输入姓名。</translation>
    </message>
    <message>
        <source>Full name must be at most 200 characters.</source>
        <translation>全名最多 200 个字符。</translation>
    </message>
    <message>
        <source>Email &quot;%1&quot; is not an address: enter it like name@example.com.</source>
        <translation>电子邮件“%1”不是有效地址：请按 name@example.com 的格式输入。</translation>
    </message>
    <message>
        <source>Date of birth must be a date between 1900-01-01 and today.</source>
        <translation>出生日期必须是 1900-01-01 到今天之间的日期。</translation>
    </message>
    <message>
        <source>Market is required: choose the market that supplies the premise.</source>
        <translation>市场为必填项：请选择为该地址供应的市场。</translation>
    </message>
    <message>
        <source>Start date must lie between %1 and %2: enter the day the customer takes over the supply.</source>
        <translation>开始日期必须在 %1 到 %2 之间：请输入客户开始接手供应的日期。</translation>
    </message>
    <message>
        <source>Market &quot;%1&quot; is not known: choose one of the markets UtilityDesk knows, such as GB, DE or CN.</source>
        <translation>未知市场“%1”：请选择 UtilityDesk 支持的市场，例如 GB、DE 或 CN。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::RegistrationWizard</name>
    <message>
        <source>Could not load the markets: %1</source>
        <translation>无法加载市场：%1</translation>
    </message>
    <message>
        <source>Could not check for existing customers: %1</source>
        <translation>无法检查是否已有该客户：%1</translation>
    </message>
    <message>
        <source>%1 (%2), %3: %4</source>
        <translation>%1（%2），%3：%4</translation>
    </message>
    <message>
        <source>no address on record</source>
        <translation>无地址记录</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message numerus="yes">
        <source>and %n more.</source>
        <translation>
            <numerusform>另有 %n 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>未提供</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Customer class:</source>
        <translation>客户类别：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>电子邮件：</translation>
    </message>
    <message>
        <source>Date of birth:</source>
        <translation>出生日期：</translation>
    </message>
    <message>
        <source>Market:</source>
        <translation>市场：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Time zone:</source>
        <translation>时区：</translation>
    </message>
    <message>
        <source>Payment type:</source>
        <translation>付费方式：</translation>
    </message>
    <message>
        <source>Start date:</source>
        <translation>开始日期：</translation>
    </message>
    <message>
        <source>%1 is registered as customer %2, with account %3.</source>
        <translation>%1 已注册为客户 %2，账户为 %3。</translation>
    </message>
    <message>
        <source>The customer was not registered: %1</source>
        <translation>客户未注册：%1</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>注册(&amp;R)</translation>
    </message>
    <message>
        <source>Register &amp;anyway</source>
        <translation>仍然注册(&amp;A)</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Premise</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>核对</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>第 %1 步，共 %2 步：%3</translation>
    </message>
    <message>
        <source>Full na&amp;me:</source>
        <translation>全名(&amp;M)：</translation>
    </message>
    <message>
        <source>Customer &amp;class:</source>
        <translation>客户类别(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>电子邮件(&amp;E)：</translation>
    </message>
    <message>
        <source>Date of bi&amp;rth:</source>
        <translation>出生日期(&amp;R)：</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>German</source>
        <translation>德语</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>西班牙语</translation>
    </message>
    <message>
        <source>Chinese (simplified)</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>&amp;Market:</source>
        <translation>市场(&amp;M)：</translation>
    </message>
    <message>
        <source>Address line &amp;1:</source>
        <translation>地址第 1 行(&amp;1)：</translation>
    </message>
    <message>
        <source>Address line &amp;2:</source>
        <translation>地址第 2 行(&amp;2)：</translation>
    </message>
    <message>
        <source>C&amp;ity:</source>
        <translation>城市(&amp;I)：</translation>
    </message>
    <message>
        <source>Post&amp;code:</source>
        <translation>邮政编码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>时区(&amp;T)：</translation>
    </message>
    <message>
        <source>Pa&amp;yment type:</source>
        <translation>付费方式(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Start date:</source>
        <translation>开始日期(&amp;S)：</translation>
    </message>
    <message>
        <source>Check the details with the caller, then register.</source>
        <translation>请与来电者核对信息，然后注册。</translation>
    </message>
    <message>
        <source>This may be a customer already on record. Open them if the caller is that customer, or register anyway.</source>
        <translation>这可能是已有记录的客户。如果来电者就是该客户，请打开其记录；否则仍可注册。</translation>
    </message>
    <message>
        <source>These may be customers already on record. Open one if the caller is that customer, or register anyway.</source>
        <translation>这些可能是已有记录的客户。如果来电者是其中之一，请打开其记录；否则仍可注册。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <source>Security question:</source>
        <translation>安全问题：</translation>
    </message>
    <message>
        <source>Security answer:</source>
        <translation>安全答案：</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>已记录</translation>
    </message>
    <message>
        <source>%1 The security answer was not set: %2 Set it in the customer&apos;s profile.</source>
        <translation>%1 安全答案未设置：%2 请在客户资料中设置。</translation>
    </message>
    <message>
        <source>Security &amp;question:</source>
        <translation>安全问题(&amp;Q)：</translation>
    </message>
    <message>
        <source>Optional: a question only the customer can answer</source>
        <translation>可选：只有客户本人能回答的问题</translation>
    </message>
    <message>
        <source>Security ans&amp;wer:</source>
        <translation>安全答案(&amp;W)：</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::WorkspaceSections</name>
    <message>
        <source>Account number</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付费方式</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Opened on</source>
        <translation>开户日期</translation>
    </message>
    <message>
        <source>Supply address</source>
        <translation>供应地址</translation>
    </message>
    <message>
        <source>No accounts yet.</source>
        <translation>尚无账户。</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1于 %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Appliance</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Installed on</source>
        <translation>安装日期</translation>
    </message>
    <message>
        <source>Premise</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>No appliances recorded.</source>
        <translation>尚未记录设备。</translation>
    </message>
    <message>
        <source>%1 kW</source>
        <translation>%1 kW</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>客服坐席</translation>
    </message>
    <message>
        <source>No contacts yet.</source>
        <translation>尚无联系记录。</translation>
    </message>
    <message numerus="yes">
        <source>The last %1 of %n contacts</source>
        <translation>
            <numerusform>最近 %1 条，共 %n 条联系记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Appliances</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Contact history</source>
        <translation>联系历史</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::WrapUpPanel</name>
    <message>
        <source>&amp;Log contact…</source>
        <translation>记录联系(&amp;L)…</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>结束处理</translation>
    </message>
    <message>
        <source>Verified by %1</source>
        <translation>已通过%1验证</translation>
    </message>
    <message>
        <source>Not verified in this contact</source>
        <translation>本次联系中未验证</translation>
    </message>
    <message>
        <source>The reason and wrap-up codes could not be loaded: %1</source>
        <translation>无法加载原因代码和结束代码：%1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>重试(&amp;Y)</translation>
    </message>
    <message>
        <source>Choose a reason…</source>
        <translation>选择原因…</translation>
    </message>
    <message>
        <source>Choose how it ended…</source>
        <translation>选择结束方式…</translation>
    </message>
    <message>
        <source>Choose a reason: why did the customer get in touch?</source>
        <translation>请选择原因：客户为什么联系？</translation>
    </message>
    <message>
        <source>Choose a wrap-up code: how did the contact end?</source>
        <translation>请选择结束代码：本次联系如何结束？</translation>
    </message>
    <message>
        <source>Shorten the summary to at most %1 characters.</source>
        <translation>请将摘要缩短至最多 %1 个字符。</translation>
    </message>
    <message>
        <source>Shorten the notes to at most %1 characters.</source>
        <translation>请将备注缩短至最多 %1 个字符。</translation>
    </message>
    <message>
        <source>Enter the duration as minutes:seconds, for example 4:30 (at most 24 hours).</source>
        <translation>请按“分:秒”格式输入时长，例如 4:30（最长 24 小时）。</translation>
    </message>
    <message>
        <source>The contact was not logged: %1</source>
        <translation>联系未记录：%1</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>渠道(&amp;H)：</translation>
    </message>
    <message>
        <source>D&amp;irection:</source>
        <translation>方向(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Wrap-up code:</source>
        <translation>结束代码(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Summary:</source>
        <translation>摘要(&amp;S)：</translation>
    </message>
    <message>
        <source>What was asked and what was done</source>
        <translation>客户咨询了什么、做了哪些处理</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation>时长(&amp;U)：</translation>
    </message>
    <message>
        <source>Minutes and seconds since the contact started; type over it to correct it</source>
        <translation>自联系开始以来的分钟和秒数；可直接改写以更正</translation>
    </message>
    <message>
        <source>Identity:</source>
        <translation>身份：</translation>
    </message>
    <message>
        <source>&amp;Log contact</source>
        <translation>记录联系(&amp;L)</translation>
    </message>
    <message>
        <source>Log this contact and start the next one (Ctrl+Enter)</source>
        <translation>记录本次联系并开始下一次联系（Ctrl+Enter）</translation>
    </message>
</context>
<context>
    <name>Ud::App::Cli</name>
    <message>
        <source>Unknown option %1.</source>
        <translation>未知选项 %1。</translation>
    </message>
    <message>
        <source>The option %1 needs a value.</source>
        <translation>选项 %1 需要一个值。</translation>
    </message>
    <message>
        <source>The option %1 does not apply to &quot;%2&quot;.</source>
        <translation>选项 %1 不适用于“%2”。</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3, not &quot;%4&quot;.</source>
        <translation>%1 必须是 %2 到 %3 之间的整数，而不是“%4”。</translation>
    </message>
    <message>
        <source>&quot;migrate&quot; takes no further words.</source>
        <translation>“migrate”不接受其他参数。</translation>
    </message>
    <message numerus="yes">
        <source>%1 is at schema version %2 (%n migration(s) applied now).</source>
        <translation>
            <numerusform>%1 的结构版本为 %2（本次应用了 %n 个迁移）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Write: utilitydesk user add NAME --role ROLE (password on standard input).</source>
        <translation>用法：utilitydesk user add NAME --role ROLE（密码从标准输入提供）。</translation>
    </message>
    <message>
        <source>&quot;user add&quot; needs --role ROLE.</source>
        <translation>“user add”需要 --role ROLE。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a role; use one of agent, business_user, field_officer, supervisor, admin.</source>
        <translation>“%1”不是角色；请使用 agent、business_user、field_officer、supervisor、admin 之一。</translation>
    </message>
    <message>
        <source>No password was given on standard input for the user %1.</source>
        <translation>未通过标准输入为用户 %1 提供密码。</translation>
    </message>
    <message>
        <source>Created the user %1 with the role %2.</source>
        <translation>已创建用户 %1，角色为 %2。</translation>
    </message>
    <message>
        <source>&quot;user list&quot; takes no further words.</source>
        <translation>“user list”不接受其他参数。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>LAST SIGN-IN</source>
        <translation>上次登录</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Write: utilitydesk user %1 NAME.</source>
        <translation>用法：utilitydesk user %1 NAME。</translation>
    </message>
    <message>
        <source>The user %1 can no longer sign in.</source>
        <translation>用户 %1 已无法登录。</translation>
    </message>
    <message>
        <source>The user %1 can sign in again.</source>
        <translation>用户 %1 可以再次登录。</translation>
    </message>
    <message>
        <source>&quot;demo&quot; takes only options.</source>
        <translation>“demo”只接受选项。</translation>
    </message>
    <message>
        <source>Generating demo data: %1%</source>
        <translation>正在生成演示数据：%1%</translation>
    </message>
    <message>
        <source>Created %1 customers, %2 premises, %3 accounts, %4 meters, %5 appliances and %6 contacts in %7 s (%8 customers per second).</source>
        <translation>已在 %7 秒内创建 %1 个客户、%2 个场所、%3 个账户、%4 个计量表、%5 台设备和 %6 条联系记录（每秒 %8 个客户）。</translation>
    </message>
    <message>
        <source>Planted anomaly: %1</source>
        <translation>植入的异常：%1</translation>
    </message>
    <message>
        <source>Write: utilitydesk audit verify.</source>
        <translation>用法：utilitydesk audit verify。</translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact: %n entries checked.</source>
        <translation>
            <numerusform>审计日志完整：已检查 %n 条记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Newest entry fingerprint (keep a copy elsewhere to detect removal of the newest entries): %1</source>
        <translation>最新记录的指纹（请在别处保存一份副本，以便发现最新记录被删除）：%1</translation>
    </message>
    <message>
        <source>No command given.</source>
        <translation>未指定命令。</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>未知命令“%1”。</translation>
    </message>
    <message>
        <source>Run &quot;utilitydesk --help&quot; for the commands and options.</source>
        <translation>运行“utilitydesk --help”查看命令和选项。</translation>
    </message>
    <message>
        <source>Unexpected failure: %1</source>
        <translation>意外错误：%1</translation>
    </message>
    <message>
        <source>The option %1 takes no value.</source>
        <translation>选项 %1 不接受值。</translation>
    </message>
    <message>
        <source>%1 must be a date written YYYY-MM-DD, not &quot;%2&quot;.</source>
        <translation>%1 必须是 YYYY-MM-DD 格式的日期，而不是“%2”。</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time zone; write an IANA name such as Europe/London.</source>
        <translation>“%1”不是时区；请填写 IANA 时区名称，例如 Europe/London。</translation>
    </message>
    <message>
        <source>  import FILE|DIR... [--create-meters] [--meter SERIAL] [--time-zone ZONE] [--quarantine DIR]
         [--format KEY]                 import meter data (Green Button XML and CSV, NEM12, CSV layouts)
  meter-sync [--watch DIR...] [--source-config FILE] [--once] [--interval SECONDS] [--create-meters]
             [--time-zone ZONE]         run the meter-sync worker: import what arrives in drop folders
                                        and from Green Button Connect My Data sources (JSON FILE)
  meter list                            every meter channel as CSV with its first and last reading
  meter queue                           readings waiting for a meter the database does not know
  meter assign KEY METER                apply the readings queued under KEY to METER (a serial)
  meter edit METER TIME VALUE --reason TEXT [--channel import|export|reactive]
                                        correct one interval (TIME with its UTC offset, VALUE in Wh or L)
  usage METER [--from DATE] [--to DATE] [--daily] [--channel import|export|reactive]
                                        print a meter&apos;s readings or daily totals as CSV
</source>
        <translation>  import FILE|DIR... [--create-meters] [--meter SERIAL] [--time-zone ZONE] [--quarantine DIR]
         [--format KEY]                 导入计量数据（Green Button XML 和 CSV、NEM12 及多种 CSV 格式）
  meter-sync [--watch DIR...] [--source-config FILE] [--once] [--interval SECONDS] [--create-meters]
             [--time-zone ZONE]         运行计量同步后台进程：导入到达投放文件夹的文件，
                                        以及来自 Green Button Connect My Data 数据源的数据（FILE 为 JSON 文件）
  meter list                            以 CSV 格式列出每个计量表通道及其首个和最后一个读数
  meter queue                           列出等待分配的读数（其计量表在数据库中不存在）
  meter assign KEY METER                将 KEY 下排队的读数分配给 METER（表号）
  meter edit METER TIME VALUE --reason TEXT [--channel import|export|reactive]
                                        修正一个间隔的读数（TIME 须带 UTC 偏移，VALUE 以 Wh 或 L 为单位）
  usage METER [--from DATE] [--to DATE] [--daily] [--channel import|export|reactive]
                                        以 CSV 格式输出计量表的读数或每日合计
</translation>
    </message>
    <message>
        <source>Write: utilitydesk import FILE|DIR... (one or more files or folders).</source>
        <translation>用法：utilitydesk import FILE|DIR...（一个或多个文件或文件夹）。</translation>
    </message>
    <message>
        <source>Importing %1: %2%</source>
        <translation>正在导入 %1：%2%</translation>
    </message>
    <message>
        <source>Readings: %1</source>
        <translation>读数：%1</translation>
    </message>
    <message>
        <source>Meters: %1</source>
        <translation>计量表：%1</translation>
    </message>
    <message>
        <source>Estimated: %1</source>
        <translation>估算：%1</translation>
    </message>
    <message>
        <source>  unknown meter %1: map it with &quot;utilitydesk meter assign %1 SERIAL&quot;</source>
        <translation>  未知计量表 %1：请运行“utilitydesk meter assign %1 SERIAL”将其对应到计量表</translation>
    </message>
    <message>
        <source>  created meter %1</source>
        <translation>  已创建计量表 %1</translation>
    </message>
    <message>
        <source>  moved to %1 (the reason is in %1.reason)</source>
        <translation>  已移至 %1（原因见 %1.reason）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a channel; use import, export or reactive.</source>
        <translation>“%1”不是通道；请使用 import、export 或 reactive。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time with its UTC offset; write e.g. 2024-03-31T02:00:00+01:00.</source>
        <translation>“%1”不是带 UTC 偏移的时间；请按 2024-03-31T02:00:00+01:00 这样的格式填写。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a whole number of the meter&apos;s unit (Wh or L).</source>
        <translation>“%1”不是以计量表单位（Wh 或 L）表示的整数。</translation>
    </message>
    <message>
        <source>Meter %1 at %2 now reads %3 (edited).</source>
        <translation>计量表 %1 在 %2 的读数现为 %3（手工修改）。</translation>
    </message>
    <message>
        <source>Write: utilitydesk meter list, meter queue, meter assign KEY METER, or meter edit METER TIME VALUE --reason TEXT.</source>
        <translation>用法：utilitydesk meter list、meter queue、meter assign KEY METER 或 meter edit METER TIME VALUE --reason TEXT。</translation>
    </message>
    <message>
        <source>Write: utilitydesk meter-sync --watch DIR [--watch DIR...] [--once].</source>
        <translation>用法：utilitydesk meter-sync --watch DIR [--watch DIR...] [--once]。</translation>
    </message>
    <message>
        <source>&quot;meter-sync&quot; needs at least one --watch DIR or a --source-config FILE.</source>
        <translation>“meter-sync”至少需要一个 --watch DIR 或一个 --source-config FILE。</translation>
    </message>
    <message>
        <source>--once scans drop folders only; run without it to poll the sources of --source-config.</source>
        <translation>--once 仅扫描投放文件夹；如需轮询 --source-config 中的数据源，请不带该选项运行。</translation>
    </message>
    <message>
        <source>The drop folder %1 does not exist or cannot be written to.</source>
        <translation>投放文件夹 %1 不存在或不可写入。</translation>
    </message>
    <message>
        <source>The worker could not set up its stop signal.</source>
        <translation>后台进程无法设置停止信号。</translation>
    </message>
    <message>
        <source>Watching %1 every %2 s; stop with Ctrl+C or SIGTERM.</source>
        <translation>每 %2 秒检查一次 %1；按 Ctrl+C 或发送 SIGTERM 可停止。</translation>
    </message>
    <message numerus="yes">
        <source>Polling %1 (%n resource(s)) every %2 s.</source>
        <translation>
            <numerusform>每 %2 秒轮询一次 %1（%n 个资源）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Meter sync stopped.</source>
        <translation>计量同步已停止。</translation>
    </message>
    <message>
        <source>Write: utilitydesk usage METER [--from DATE] [--to DATE] [--daily].</source>
        <translation>用法：utilitydesk usage METER [--from DATE] [--to DATE] [--daily]。</translation>
    </message>
    <message>
        <source>There is no meter %1.</source>
        <translation>不存在计量表 %1。</translation>
    </message>
    <message>
        <source>Meter %1 has no %2 channel.</source>
        <translation>计量表 %1 没有%2通道。</translation>
    </message>
    <message>
        <source>--to must not be before --from.</source>
        <translation>--to 不能早于 --from。</translation>
    </message>
    <message>
        <source>Wrote %1 interval readings in %2 day rows.</source>
        <translation>已写入 %1 个间隔读数，共 %2 个日记录。</translation>
    </message>
    <message>
        <source>Files: %1, %2</source>
        <translation>文件：%1，%2</translation>
    </message>
    <message numerus="yes">
        <source>%n imported</source>
        <translation>
            <numerusform>已导入 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>已拒绝 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unknown meters: %1 (%n readings wait in the review queue)</source>
        <translation>
            <numerusform>未知计量表：%1（%n 个读数在待处理队列中等待）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Applied %n readings queued under %1 to meter %2; later files naming %1 go to it directly.</source>
        <translation>
            <numerusform>已将以 %1 排队的 %n 个读数应用到计量表 %2；以后指明 %1 的文件将直接归入该计量表。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n readings, %1 new, %2 estimated, %3 for unknown meters)</source>
        <translation>
            <numerusform>（%n 个读数，新增 %1 个，估算 %2 个，属于未知计量表 %3 个）</numerusform>
        </translation>
    </message>
    <message>
        <source>  customer search TEXT [--limit N]      find customers by name, phone, email, account number, meter
                                        serial, postcode or address; CSV, best match first (N: 20)
</source>
        <translation>  customer search TEXT [--limit N]      按姓名、电话、电子邮件、账号、表号、邮编或地址查找客户；
                                        以 CSV 输出，最佳匹配在前（N：20）
</translation>
    </message>
    <message>
        <source>Write &quot;utilitydesk customer search TEXT&quot;, with the text in quotes if it has spaces.</source>
        <translation>请写成 &quot;utilitydesk customer search TEXT&quot;；文本含空格时请加引号。</translation>
    </message>
    <message>
        <source>Created the user %1 with the role %2 in the region %3.</source>
        <translation>已创建用户 %1，角色为 %2，区域为 %3。</translation>
    </message>
    <message>
        <source>REGION</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Write: utilitydesk user region NAME REGION (&quot;&quot; for none).</source>
        <translation>用法：utilitydesk user region NAME REGION（&quot;&quot; 表示无区域）。</translation>
    </message>
    <message>
        <source>The user %1 has no region now.</source>
        <translation>用户 %1 现在没有区域。</translation>
    </message>
    <message>
        <source>The user %1 works in the region %2 now.</source>
        <translation>用户 %1 的区域现为 %2。</translation>
    </message>
    <message>
        <source>&quot;user&quot; needs add, list, region, disable or enable.</source>
        <translation>“user”需要 add、list、region、disable 或 enable。</translation>
    </message>
    <message>
        <source>Unknown user command &quot;%1&quot;; use add, list, region, disable or enable.</source>
        <translation>未知的 user 命令“%1”；请使用 add、list、region、disable 或 enable。</translation>
    </message>
    <message>
        <source>from %1 with no end</source>
        <translation>自 %1 起，无结束日期</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Write: utilitydesk tariff import FILE.json (one tariff per file).</source>
        <translation>请输入：utilitydesk tariff import FILE.json（每个文件一个电价方案）。</translation>
    </message>
    <message>
        <source>Created the tariff %1 (%2) in the market %3.</source>
        <translation>已在市场 %3 中创建电价方案 %1（%2）。</translation>
    </message>
    <message>
        <source>Updated the tariff %1 (%2) in the market %3.</source>
        <translation>已更新市场 %3 中的电价方案 %1（%2）。</translation>
    </message>
    <message>
        <source>The tariff %1 (%2) in the market %3 is already stored as in this file.</source>
        <translation>市场 %3 中的电价方案 %1（%2）已按此文件的内容存储。</translation>
    </message>
    <message>
        <source>  added version %1</source>
        <translation>  已添加版本 %1</translation>
    </message>
    <message>
        <source>  ended version %1</source>
        <translation>  已结束版本 %1</translation>
    </message>
    <message>
        <source>  unchanged version %1</source>
        <translation>  未更改版本 %1</translation>
    </message>
    <message numerus="yes">
        <source>The tariff has %n version(s).</source>
        <translation>
            <numerusform>该电价方案有 %n 个版本。</numerusform>
        </translation>
    </message>
    <message>
        <source>&quot;tariff list&quot; takes no further words.</source>
        <translation>&quot;tariff list&quot; 不接受其他参数。</translation>
    </message>
    <message>
        <source>%1 is required: write %1 %2.</source>
        <translation>必须提供 %1：请写成 %1 %2。</translation>
    </message>
    <message>
        <source>--tariff needs the code of a tariff of the account&apos;s market.</source>
        <translation>--tariff 需要该账户所在市场的某个电价方案代码。</translation>
    </message>
    <message>
        <source>%1 kWh of %2 kWh from estimated or edited readings</source>
        <translation>%2 kWh 中有 %1 kWh 来自估算或修改过的读数</translation>
    </message>
    <message>
        <source>%1 of %2 intervals without a reading, billed as nothing</source>
        <translation>%2 个间隔中有 %1 个没有读数，按零计费</translation>
    </message>
    <message>
        <source>beyond the allowance or the included units</source>
        <translation>超出免费额度或套餐包含用量的部分</translation>
    </message>
    <message>
        <source>Write: utilitydesk rate-compare CUSTOMER [--csv].</source>
        <translation>用法：utilitydesk rate-compare CUSTOMER [--csv]。</translation>
    </message>
    <message>
        <source>Rate comparison for %1 (%2)</source>
        <translation>%1（%2）的电价方案比较</translation>
    </message>
    <message>
        <source>The customer has no account with electricity readings.</source>
        <translation>该客户没有带电力读数的账户。</translation>
    </message>
    <message>
        <source>Account %1 (%2, %3, %4)</source>
        <translation>账户 %1（%2，%3，%4）</translation>
    </message>
    <message>
        <source>%1 to %2 (months compared: %3): %4 kWh</source>
        <translation>%1 至 %2（比较月数：%3）：%4 kWh</translation>
    </message>
    <message>
        <source>Estimated: %1 kWh from %2 estimated or edited intervals.</source>
        <translation>估算：%1 kWh，来自 %2 个估算或修改过的间隔。</translation>
    </message>
    <message>
        <source>Missing: %1 of %2 intervals have no reading and are billed as nothing under every tariff.</source>
        <translation>缺失：%2 个间隔中有 %1 个没有读数，在所有电价方案下均按零计费。</translation>
    </message>
    <message>
        <source>The account has no tariff at the end of the period; no saving is shown.</source>
        <translation>该账户在期末没有电价方案，因此不显示节省金额。</translation>
    </message>
    <message>
        <source>rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>tariff</source>
        <translation>电价方案</translation>
    </message>
    <message>
        <source>total with VAT (%1)</source>
        <translation>含增值税合计（%1）</translation>
    </message>
    <message>
        <source>saving</source>
        <translation>节省</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>current tariff</source>
        <translation>当前电价方案</translation>
    </message>
    <message>
        <source>prepaid, allowance %1 kWh</source>
        <translation>预付费，免费额度 %1 kWh</translation>
    </message>
    <message>
        <source>Not compared: %1</source>
        <translation>未比较：%1</translation>
    </message>
    <message>
        <source>Write: utilitydesk topup ACCOUNT AMOUNT --card TOKEN, or utilitydesk topup ACCOUNT [AMOUNT] --voucher CODE.</source>
        <translation>用法：utilitydesk topup ACCOUNT AMOUNT --card TOKEN，或 utilitydesk topup ACCOUNT [AMOUNT] --voucher CODE。</translation>
    </message>
    <message>
        <source>Topped up account %1 by %2 %3 (top-up %4).</source>
        <translation>已为账户 %1 充值 %2 %3（充值记录 %4）。</translation>
    </message>
    <message>
        <source>Balance: %1 %2</source>
        <translation>余额：%1 %2</translation>
    </message>
    <message>
        <source>Emergency credit outstanding: %1 %2</source>
        <translation>未偿还的紧急信用额度：%1 %2</translation>
    </message>
    <message>
        <source>Debt outstanding: %1 %2</source>
        <translation>未偿欠款：%1 %2</translation>
    </message>
    <message>
        <source>Write: utilitydesk balance ACCOUNT.</source>
        <translation>用法：utilitydesk balance ACCOUNT。</translation>
    </message>
    <message>
        <source>Account: %1 (%2, %3)</source>
        <translation>账户：%1（%2，%3）</translation>
    </message>
    <message>
        <source>Balance: %1</source>
        <translation>余额：%1</translation>
    </message>
    <message>
        <source>Emergency credit outstanding: %1</source>
        <translation>未偿还的紧急信用额度：%1</translation>
    </message>
    <message>
        <source>Debt outstanding: %1</source>
        <translation>未偿欠款：%1</translation>
    </message>
    <message>
        <source>(%1 % of each top-up)</source>
        <translation>（每笔充值的 %1 %）</translation>
    </message>
    <message>
        <source>never under the friendly-hours settings</source>
        <translation>根据友好时段设置，永不停供</translation>
    </message>
    <message>
        <source>Disconnection: allowed now (balance below zero)</source>
        <translation>停供：当前允许（余额低于零）</translation>
    </message>
    <message>
        <source>Disconnection: not now, %1; from %2 local time</source>
        <translation>停供：当前不允许，%1；自当地时间 %2 起允许</translation>
    </message>
    <message>
        <source>Aged debt:</source>
        <translation>账龄：</translation>
    </message>
    <message>
        <source>Entries: %1</source>
        <translation>账目条数：%1</translation>
    </message>
    <message>
        <source>Last entries:</source>
        <translation>最近的账目：</translation>
    </message>
    <message>
        <source>Write: utilitydesk payment ACCOUNT AMOUNT [--method METHOD] [--reference TEXT].</source>
        <translation>用法：utilitydesk payment ACCOUNT AMOUNT [--method METHOD] [--reference TEXT]。</translation>
    </message>
    <message>
        <source>Recorded a payment of %1 %2 on account %3 (%4%5).</source>
        <translation>已在账户 %3 上记录一笔 %1 %2 的付款（%4%5）。</translation>
    </message>
    <message>
        <source>Write: utilitydesk card block TOKEN --reason TEXT.</source>
        <translation>用法：utilitydesk card block TOKEN --reason TEXT。</translation>
    </message>
    <message>
        <source>&quot;card block&quot; needs --reason TEXT: a refused top-up tells the customer why.</source>
        <translation>&quot;card block&quot; 需要 --reason TEXT：充值被拒绝时会告知客户原因。</translation>
    </message>
    <message>
        <source>Blocked the card: top-ups with it are refused (%1).</source>
        <translation>已冻结该卡：使用该卡的充值将被拒绝（%1）。</translation>
    </message>
    <message>
        <source>Write: utilitydesk tariff assign ACCOUNT CODE --from DATE.</source>
        <translation>用法：utilitydesk tariff assign ACCOUNT CODE --from DATE。</translation>
    </message>
    <message>
        <source>--from is required: write --from DATE (YYYY-MM-DD), the first day on the tariff.</source>
        <translation>必须提供 --from：请写成 --from DATE（YYYY-MM-DD），即使用该电价方案的第一天。</translation>
    </message>
    <message>
        <source>--from must be a date written YYYY-MM-DD, not &quot;%1&quot;.</source>
        <translation>--from 必须是 YYYY-MM-DD 格式的日期，而不是 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>Account %1 is already on the tariff %2 from %3.</source>
        <translation>账户 %1 已自 %3 起使用电价方案 %2。</translation>
    </message>
    <message>
        <source>Ended the tariff %1 of account %2 on %3.</source>
        <translation>已于 %3 结束账户 %2 的电价方案 %1。</translation>
    </message>
    <message>
        <source>Account %1 is on the tariff %2 from %3.</source>
        <translation>账户 %1 自 %3 起使用电价方案 %2。</translation>
    </message>
    <message>
        <source>  tariff import FILE.json               add the tariff of a JSON file (docs/tariffs.md), or new
                                        versions of a tariff already defined; nothing is stored
                                        if the file has a mistake
  tariff list                           list the tariffs as CSV, with the version in force today
  tariff assign ACCOUNT CODE --from DATE
                                        put the account on the tariff CODE of its market from
                                        DATE; its open tariff ends the day before
</source>
        <translation>  tariff import FILE.json               添加 JSON 文件（docs/tariffs.md）中的电价方案，或已定义
                                        电价方案的新版本；文件有错误时不保存任何内容
  tariff list                           以 CSV 格式列出电价方案及其今天生效的版本
  tariff assign ACCOUNT CODE --from DATE
                                        自 DATE 起为账户指定其市场中代码为 CODE 的电价方案；
                                        其当前未结束的电价方案于前一天结束
</translation>
    </message>
    <message>
        <source>&quot;tariff&quot; needs import, list or assign.</source>
        <translation>&quot;tariff&quot; 需要 import、list 或 assign。</translation>
    </message>
    <message>
        <source>Unknown tariff command &quot;%1&quot;; use import, list or assign.</source>
        <translation>未知的 tariff 命令 &quot;%1&quot;；请使用 import、list 或 assign。</translation>
    </message>
    <message>
        <source>Write: utilitydesk bill ACCOUNT --from DATE --to DATE [--tariff CODE] [--pdf FILE].</source>
        <translation>用法：utilitydesk bill ACCOUNT --from DATE --to DATE [--tariff CODE] [--pdf FILE]。</translation>
    </message>
    <message>
        <source>  bill ACCOUNT --from DATE --to DATE [--tariff CODE] [--pdf FILE]
                                        the account&apos;s bill for the days as CSV: line items,
                                        totals, estimated kWh and missing intervals; under the
                                        tariff it is on, or the tariff CODE of its market;
                                        --pdf also writes its document, in the customer&apos;s language
  rate-compare CUSTOMER [--csv]         the last 12 full months of each electricity account
                                        under every tariff of its market and class, cheapest
                                        first, with VAT and the saving against the current one
</source>
        <translation>  bill ACCOUNT --from DATE --to DATE [--tariff CODE] [--pdf FILE]
                                        以 CSV 格式输出账户在这些天的账单：账单明细、
                                        合计、估算 kWh 和缺失的间隔；按账户当前的
                                        电价方案，或其市场中代码为 CODE 的电价方案计算；
                                        --pdf 还会以客户的语言写出账单文档
  rate-compare CUSTOMER [--csv]         按每个电账户所在市场和客户类别的所有电价方案，
                                        计算其最近 12 个完整月份的费用，从最便宜的开始，
                                        含增值税及相对当前电价方案的节省金额
</translation>
    </message>
    <message>
        <source>&quot;bill-run&quot; needs %1 DATE (YYYY-MM-DD).</source>
        <translation>&quot;bill-run&quot; 需要 %1 DATE（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>  bill-run --from DATE --to DATE        bill every active postpaid account with a tariff for the
                                        days from DATE to DATE (YYYY-MM-DD); accounts already
                                        billed for them are skipped, so a stopped run can be run
                                        again
</source>
        <translation>  bill-run --from DATE --to DATE        为所有有电价方案的有效后付费账户出具 DATE 至
                                        DATE（YYYY-MM-DD）期间的账单；已为这些天出账的
                                        账户将被跳过，因此中断的批量出账可以重新运行
</translation>
    </message>
    <message>
        <source>Write: utilitydesk bill-run --from DATE --to DATE.</source>
        <translation>用法：utilitydesk bill-run --from DATE --to DATE。</translation>
    </message>
    <message>
        <source>Billing: %1 of %2 accounts (%3%)</source>
        <translation>出账中：第 %1 个账户，共 %2 个（%3%）</translation>
    </message>
    <message>
        <source>Bill run %1 for %2 to %3: %4 accounts due, %5 billed, %6 already billed, %7 not billed, in %8 s (%9 bills per second).</source>
        <translation>批量出账 %1（%2 至 %3）：应出账账户 %4 个，已出账 %5 个，此前已出账 %6 个，未出账 %7 个，用时 %8 s（每秒 %9 张账单）。</translation>
    </message>
    <message>
        <source>Not billed:</source>
        <translation>未出账：</translation>
    </message>
    <message>
        <source>  … and %1 more (the Bill run page lists them all).</source>
        <translation>  … 另有 %1 个（“批量出账”页面列出了全部）。</translation>
    </message>
    <message>
        <source>Write: utilitydesk charges [--through DATE].</source>
        <translation>请写：utilitydesk charges [--through DATE]。</translation>
    </message>
    <message>
        <source>Charging: %1 of %2 accounts (%3%)</source>
        <translation>正在记费：%2 个账户中的 %1 个（%3%）</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Daily charges through %1: prepaid accounts %2, charged %3, days posted %4, up to date %5, not charged up to the day %6.</source>
        <translation>截至 %1 的每日费用：预付费账户 %2，已记费 %3，记入天数 %4，已是最新 %5，未记费至当天 %6。</translation>
    </message>
    <message>
        <source>Waiting for readings:</source>
        <translation>等待读数：</translation>
    </message>
    <message>
        <source>Not charged:</source>
        <translation>未记费：</translation>
    </message>
    <message>
        <source>Write: utilitydesk arrears [--as-of DATE].</source>
        <translation>请写：utilitydesk arrears [--as-of DATE]。</translation>
    </message>
    <message>
        <source>Arrears on %1: no account changed stage.</source>
        <translation>%1 的欠费：没有账户改变阶段。</translation>
    </message>
    <message>
        <source>Arrears on %1: accounts that changed stage %2.</source>
        <translation>%1 的欠费：改变阶段的账户 %2。</translation>
    </message>
    <message>
        <source>  topup ACCOUNT AMOUNT --card TOKEN     top up a prepaid account (AMOUNT as 20.00); a blocked card is
                                        refused; emergency credit and a debt-recovery share are taken
  topup ACCOUNT [AMOUNT] --voucher CODE top up with a voucher, which can be used once
  balance ACCOUNT                       balance, emergency credit, debt, aged debt and the last entries
  payment ACCOUNT AMOUNT [--method M] [--reference R]
                                        record a postpaid payment (M: bank_transfer, card, cash,
                                        cheque, direct_debit; default bank_transfer)
  card block TOKEN --reason TEXT        refuse top-ups with this card from now on
  charges [--through DATE]              post the daily charges of every active prepaid account with a
                                        tariff up to DATE (YYYY-MM-DD; default yesterday); a day
                                        waits until its readings are complete
  arrears [--as-of DATE]                move postpaid accounts to their arrears stage on DATE
                                        (default today) and list the changes
</source>
        <translation>  topup ACCOUNT AMOUNT --card TOKEN     为预付费账户充值（AMOUNT 格式如 20.00）；被冻结的卡将被拒绝；
                                        同时扣除紧急信用额度和欠款回收比例部分
  topup ACCOUNT [AMOUNT] --voucher CODE 使用充值券充值，每张充值券只能使用一次
  balance ACCOUNT                       余额、紧急信用额度、欠款、账龄及最近的账目
  payment ACCOUNT AMOUNT [--method M] [--reference R]
                                        记录一笔后付费付款（M：bank_transfer、card、cash、
                                        cheque、direct_debit；默认 bank_transfer）
  card block TOKEN --reason TEXT        从现在起拒绝使用此卡充值
  charges [--through DATE]              为每个有电价方案的有效预付费账户记入截至 DATE 的每日费用
                                        （YYYY-MM-DD；默认昨天）；某天的读数完整后才记费
  arrears [--as-of DATE]                将后付费账户按 DATE（默认今天）移入相应欠费阶段，
                                        并列出变化
</translation>
    </message>
    <message>
        <source>Usage: utilitydesk [--database URL] [COMMAND ...]

Without a command, UtilityDesk opens its window.

Commands:
  migrate                               create or upgrade the database schema
  user add NAME --role ROLE [--display-name TEXT] [--region REGION]
                                        create a user; the password is read from standard input;
                                        a field officer sees only the customers of their region
  user region NAME REGION               set the region a user works in (&quot;&quot; for none)
  user list                             list users
  user disable NAME | user enable NAME  stop or allow a user&apos;s sign-in
  demo [--customers N] [--meters M] [--days D] [--seed S] [--interval MIN]
                                        fill the database with realistic, repeatable demo data,
                                        interval readings for every meter over the last D days;
                                        --interval 5|15|30|60 sets every electricity meter&apos;s interval
  audit verify                          check that the audit log has not been altered
%2%1%3%4%5%6
Options:
  --database URL   sqlite:///path/file.db or postgresql://user:password@host:port/database?sslmode=...
                   (default: the database chosen in Settings, else a file in your data folder)
  -h, --help       show this help
  -v, --version    show the version

Roles: agent, business_user, field_officer, supervisor, admin.
Exit codes: 0 success, 1 bad input, 2 usage error, 3 database error.
</source>
        <translation>用法：utilitydesk [--database URL] [COMMAND ...]

不带命令时，UtilityDesk 将打开其窗口。

命令：
  migrate                               创建或升级数据库结构
  user add NAME --role ROLE [--display-name TEXT] [--region REGION]
                                        创建用户；密码从标准输入读取；
                                        现场人员只能看到其所在区域的客户
  user region NAME REGION               设置用户工作的区域（&quot;&quot; 表示无区域）
  user list                             列出用户
  user disable NAME | user enable NAME  禁止或允许用户登录
  demo [--customers N] [--meters M] [--days D] [--seed S] [--interval MIN]
                                        用逼真、可重复生成的演示数据填充数据库，
                                        包括每个计量表最近 D 天的间隔读数；
                                        --interval 5|15|30|60 设置所有电计量表的间隔
  audit verify                          检查审计日志是否被篡改
%2%1%3%4%5%6
选项：
  --database URL   sqlite:///path/file.db 或 postgresql://user:password@host:port/database?sslmode=...
                   （默认：设置中选择的数据库，否则为数据文件夹中的一个文件）
  -h, --help       显示此帮助
  -v, --version    显示版本

角色：agent、business_user、field_officer、supervisor、admin。
退出代码：0 成功，1 输入错误，2 用法错误，3 数据库错误。
</translation>
    </message>
    <message>
        <source>%1: cannot read the file %2: %3.</source>
        <translation>%1：无法读取文件 %2：%3。</translation>
    </message>
    <message>
        <source>%1: %2 line %3: no customer has the number %4.</source>
        <translation>%1：%2 第 %3 行：没有客户编号为 %4 的客户。</translation>
    </message>
    <message>
        <source>Write: utilitydesk segment save NAME --rule &quot;RULE&quot; (the name in quotes if it has spaces).</source>
        <translation>请输入：utilitydesk segment save NAME --rule &quot;RULE&quot;（名称含空格时请加引号）。</translation>
    </message>
    <message>
        <source>A new segment needs --rule &quot;RULE&quot;.</source>
        <translation>新分群需要 --rule &quot;RULE&quot;。</translation>
    </message>
    <message>
        <source>Created the segment %1 (version 1).</source>
        <translation>已创建分群 %1（版本 1）。</translation>
    </message>
    <message>
        <source>Saved version %1 of the segment %2.</source>
        <translation>已保存分群 %2 的版本 %1。</translation>
    </message>
    <message>
        <source>The segment %1 is already saved like this (version %2).</source>
        <translation>分群 %1 已按此内容保存（版本 %2）。</translation>
    </message>
    <message>
        <source>Rule: %1</source>
        <translation>规则：%1</translation>
    </message>
    <message numerus="yes">
        <source>Refreshed every %n hour(s).</source>
        <translation>
            <numerusform>每 %n 小时刷新一次。</numerusform>
        </translation>
    </message>
    <message>
        <source>Refreshed on demand only.</source>
        <translation>仅按需刷新。</translation>
    </message>
    <message>
        <source>&quot;segment list&quot; takes no further words.</source>
        <translation>&quot;segment list&quot; 后面不能再跟其他词。</translation>
    </message>
    <message>
        <source>Write: utilitydesk segment show NAME [--version N].</source>
        <translation>请输入：utilitydesk segment show NAME [--version N]。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Segment: %1</source>
        <translation>分群：%1</translation>
    </message>
    <message>
        <source> (archived)</source>
        <translation> (已归档)</translation>
    </message>
    <message>
        <source>Version: %1 of %2, saved %3 by %4</source>
        <translation>版本：%1/%2，由 %4 于 %3 保存</translation>
    </message>
    <message>
        <source>Description: %1</source>
        <translation>描述：%1</translation>
    </message>
    <message>
        <source>Control group: %1%</source>
        <translation>对照组：%1%</translation>
    </message>
    <message>
        <source>Include: %1</source>
        <translation>包含：%1</translation>
    </message>
    <message>
        <source>Exclude: %1</source>
        <translation>排除：%1</translation>
    </message>
    <message numerus="yes">
        <source>Refresh: every %n hour(s)</source>
        <translation>
            <numerusform>刷新：每 %n 小时</numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh: on demand</source>
        <translation>刷新：按需</translation>
    </message>
    <message>
        <source>Last refreshed: %1 by %2 from version %3: %4 members, %5 in the control group</source>
        <translation>上次刷新：%1，由 %2 基于版本 %3 刷新：%4 个成员，其中 %5 个在对照组</translation>
    </message>
    <message>
        <source>Last refreshed: never</source>
        <translation>上次刷新：从未</translation>
    </message>
    <message>
        <source>Versions:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <source>Refreshed %1 (version %2): %3 members, %4 in the control group.</source>
        <translation>已刷新 %1（版本 %2）：%3 个成员，其中 %4 个在对照组。</translation>
    </message>
    <message>
        <source>Write: utilitydesk segment refresh NAME, or segment refresh --due.</source>
        <translation>请输入：utilitydesk segment refresh NAME，或 segment refresh --due。</translation>
    </message>
    <message>
        <source>No segment is due for a refresh.</source>
        <translation>没有需要刷新的分群。</translation>
    </message>
    <message>
        <source>%1 was not refreshed: %2</source>
        <translation>%1 未刷新：%2</translation>
    </message>
    <message>
        <source>Write: utilitydesk segment export NAME [--output FILE] [--group all|test|control].</source>
        <translation>请输入：utilitydesk segment export NAME [--output FILE] [--group all|test|control]。</translation>
    </message>
    <message>
        <source>--group must be all, test or control, not &quot;%1&quot;.</source>
        <translation>--group 必须为 all、test 或 control，而不是 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>--output: cannot write the file %1: %2.</source>
        <translation>--output：无法写入文件 %1：%2。</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n member(s) of %1 to %2.</source>
        <translation>
            <numerusform>已将 %1 的 %n 个成员写入 %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>Write: utilitydesk segment count &quot;RULE&quot; (the rule in quotes, as one word), or segment save, list, show, refresh or export.</source>
        <translation>请输入：utilitydesk segment count &quot;RULE&quot;（规则需加引号，作为一个词），或 segment save、list、show、refresh 或 export。</translation>
    </message>
    <message>
        <source>  segment count &quot;RULE&quot;                  count the customers a segment rule picks, e.g.
                                        &apos;class = &quot;residential&quot; and has appliance &quot;solar_pv&quot;&apos;
                                        (docs/rules.md lists the attributes)
  segment save NAME --rule &quot;RULE&quot; [--description TEXT] [--include FILE] [--exclude FILE]
               [--control PCT] [--refresh-hours N|none]
                                        save a segment, or a new version of it; a rule may name
                                        other segments: has segment &quot;NAME&quot;; --include/--exclude:
                                        files of customer numbers, one a line, always or never
                                        members; --control: the percent held back as a control
                                        group; options left out keep the current version&apos;s values
  segment list                          list the segments as CSV, with their last refresh
  segment show NAME [--version N]       show a segment&apos;s definition and its versions
  segment refresh NAME | --due          store a segment&apos;s members now, or those of every segment
                                        whose --refresh-hours have passed
  segment export NAME [--output FILE] [--group all|test|control]
                                        write the members as CSV (customer_number, name, class,
                                        region, group) to standard output or FILE; refreshes a
                                        segment that was never refreshed
</source>
        <translation>  segment count &quot;RULE&quot;                  统计分群规则选中的客户数，例如
                                        &apos;class = &quot;residential&quot; and has appliance &quot;solar_pv&quot;&apos;
                                        （docs/rules.md 列出了所有属性）
  segment save NAME --rule &quot;RULE&quot; [--description TEXT] [--include FILE] [--exclude FILE]
               [--control PCT] [--refresh-hours N|none]
                                        保存分群或其新版本；规则可以引用其他分群：
                                        has segment &quot;NAME&quot;；--include/--exclude：客户编号文件，
                                        每行一个，其中的客户始终是或始终不是成员；
                                        --control：留作对照组的百分比；未指定的选项
                                        沿用当前版本的值
  segment list                          以 CSV 格式列出分群及其上次刷新情况
  segment show NAME [--version N]       显示分群的定义及其各个版本
  segment refresh NAME | --due          立即存储分群的成员，或存储所有已超过
                                        --refresh-hours 的分群的成员
  segment export NAME [--output FILE] [--group all|test|control]
                                        以 CSV 格式（customer_number, name, class,
                                        region, group）将成员写入标准输出或 FILE；
                                        从未刷新过的分群会先刷新
</translation>
    </message>
    <message>
        <source>&quot;usage refresh&quot; takes no further words.</source>
        <translation>&quot;usage refresh&quot; 后面不能再跟其他词。</translation>
    </message>
    <message>
        <source>Refreshing usage profiles: %1%</source>
        <translation>正在刷新用电概况：%1%</translation>
    </message>
    <message>
        <source>Summarised %1 stored days of readings on %2 channels.</source>
        <translation>已汇总 %2 个通道上已存储的 %1 天读数。</translation>
    </message>
    <message>
        <source>Stopped before the end; run the command again to finish.</source>
        <translation>未完成即已停止；请再次运行该命令以完成。</translation>
    </message>
    <message>
        <source>Recomputed the usage profiles of %1 customers through %2.</source>
        <translation>已重新计算 %1 个客户截至 %2 的用电概况。</translation>
    </message>
    <message>
        <source>  usage refresh                         bring the customers&apos; usage profiles (the usage.* segment
                                        attributes) up to the last complete month, also after an upgrade
</source>
        <translation>  usage refresh                         将客户的用电概况（usage.* 分群属性）更新到最近一个
                                        完整月份；升级后也可运行此命令
</translation>
    </message>
</context>
<context>
    <name>Ud::App::LanguageManager</name>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
</context>
<context>
    <name>Ud::App::LoginDialog</name>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Creating the administrator…</source>
        <translation>正在创建管理员…</translation>
    </message>
    <message>
        <source>Create the Administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <source>Welcome to UtilityDesk</source>
        <translation>欢迎使用 UtilityDesk</translation>
    </message>
    <message>
        <source>The database %1 has no users yet. Create the administrator account; the administrator then adds everyone else.</source>
        <translation>数据库 %1 中还没有用户。请创建管理员账户，之后由管理员添加其他所有人。</translation>
    </message>
    <message>
        <source>&amp;Create and sign in</source>
        <translation>创建并登录(&amp;C)</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign in to UtilityDesk</source>
        <translation>登录 UtilityDesk</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>显示名称(&amp;D)：</translation>
    </message>
    <message>
        <source>e.g. Maria Garcia</source>
        <translation>例如：王芳</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>重复密码(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>Ud::App::MainWindow</name>
    <message>
        <source>This page could not be opened: %1</source>
        <translation>无法打开此页面：%1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>重试(&amp;Y)</translation>
    </message>
    <message>
        <source>About UtilityDesk</source>
        <translation>关于 UtilityDesk</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;UtilityDesk %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Customer workspace for electricity, gas and water utilities.&lt;/p&gt;&lt;p&gt;Database: %2&lt;br&gt;Signed in as: %3 (%4)&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;UtilityDesk %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;面向电力、燃气和供水企业的客户工作台。&lt;/p&gt;&lt;p&gt;数据库：%2&lt;br&gt;登录身份：%3（%4）&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About UtilityDesk</source>
        <translation>关于 UtilityDesk(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>No page is available to the role %1. Ask an administrator for another role.</source>
        <translation>角色 %1 没有可用的页面。请向管理员申请其他角色。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Signed in as %1 with the role %2</source>
        <translation>已以 %1 身份登录，角色为 %2</translation>
    </message>
</context>
<context>
    <name>Ud::App::SettingsDialog</name>
    <message>
        <source>The file %1 does not exist yet; UtilityDesk will create it.</source>
        <translation>文件 %1 尚不存在；UtilityDesk 将创建它。</translation>
    </message>
    <message>
        <source>Connected to %1. The database is empty; UtilityDesk will create its tables.</source>
        <translation>已连接到 %1。数据库为空；UtilityDesk 将创建所需的表。</translation>
    </message>
    <message>
        <source>Connected to %1. UtilityDesk will upgrade its tables when it starts.</source>
        <translation>已连接到 %1。UtilityDesk 将在启动时升级其表。</translation>
    </message>
    <message>
        <source>Connected to %1. The database is ready to use.</source>
        <translation>已连接到 %1。数据库已可使用。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Saved. UtilityDesk uses the new database after it restarts.</source>
        <translation>已保存。UtilityDesk 重新启动后将使用新数据库。</translation>
    </message>
    <message>
        <source>&amp;Restart now</source>
        <translation>立即重新启动(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Choose the Database</source>
        <translation>选择数据库</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>&amp;Database URL:</source>
        <translation>数据库 URL(&amp;D)：</translation>
    </message>
    <message>
        <source>A file on this computer, as in sqlite:///home/me/utilitydesk.db, or a server, as in postgresql://user@host:5432/utilitydesk?sslmode=require.</source>
        <translation>本机上的文件，例如 sqlite:///home/me/utilitydesk.db；或服务器，例如 postgresql://user@host:5432/utilitydesk?sslmode=require。</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Only an administrator or a supervisor may change the database.</source>
        <translation>只有管理员或主管可以更改数据库。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Save and connect</source>
        <translation>保存并连接(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose a Drop Folder</source>
        <translation>选择投放文件夹</translation>
    </message>
    <message>
        <source>Enter the folder a head-end system puts meter-data files in.</source>
        <translation>请输入前置系统存放计量数据文件的文件夹。</translation>
    </message>
    <message>
        <source>The folder %1 does not exist. Create it first, or choose another.</source>
        <translation>文件夹 %1 不存在。请先创建该文件夹，或选择其他文件夹。</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 是文件，不是文件夹。</translation>
    </message>
    <message>
        <source>UtilityDesk cannot write to %1; it must move imported files into processed/ there. Choose a folder you may write to.</source>
        <translation>UtilityDesk 无法写入 %1；它需要将已导入的文件移到该文件夹下的 processed/ 中。请选择您有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation>%1 已在列表中。</translation>
    </message>
    <message>
        <source>Meter sync</source>
        <translation>计量同步</translation>
    </message>
    <message>
        <source>Drop &amp;folders:</source>
        <translation>投放文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>Drop folders</source>
        <translation>投放文件夹</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;New folder:</source>
        <translation>新文件夹(&amp;N)：</translation>
    </message>
    <message>
        <source>A folder a head-end system writes meter-data files into</source>
        <translation>前置系统写入计量数据文件的文件夹</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Scan e&amp;very:</source>
        <translation>扫描间隔(&amp;V)：</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>While someone who may import meter data is signed in, files arriving in these folders are imported and moved to processed/ (or quarantine/ with the reason). Changes apply at the next sign-in.</source>
        <translation>当有权导入计量数据的用户登录时，到达这些文件夹的文件会被导入并移至 processed/（或连同原因一起移至 quarantine/）。更改将在下次登录时生效。</translation>
    </message>
</context>
<context>
    <name>Ud::App::StartupErrorDialog</name>
    <message>
        <source>UtilityDesk Cannot Open the Database</source>
        <translation>UtilityDesk 无法打开数据库</translation>
    </message>
    <message>
        <source>&amp;Change database…</source>
        <translation>更改数据库(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BalanceSection</name>
    <message>
        <source>No accounts yet, so no balance.</source>
        <translation>尚无账户，因此没有余额。</translation>
    </message>
    <message>
        <source>Account %1 · %2 · %3</source>
        <translation>账户 %1 · %2 · %3</translation>
    </message>
    <message>
        <source>Balance:</source>
        <translation>余额：</translation>
    </message>
    <message>
        <source>below zero</source>
        <translation>低于零</translation>
    </message>
    <message>
        <source>owed</source>
        <translation>欠款</translation>
    </message>
    <message>
        <source>below %1</source>
        <translation>低于 %1</translation>
    </message>
    <message>
        <source>Emergency credit to repay:</source>
        <translation>待偿还的紧急信用额度：</translation>
    </message>
    <message>
        <source>Debt:</source>
        <translation>欠款：</translation>
    </message>
    <message>
        <source>%1, %2 % of each top-up</source>
        <translation>%1，每笔充值的 %2 %</translation>
    </message>
    <message>
        <source>Disconnection:</source>
        <translation>停供：</translation>
    </message>
    <message>
        <source>allowed now: the balance is below zero</source>
        <translation>当前允许：余额低于零</translation>
    </message>
    <message>
        <source>not under the account&apos;s friendly hours</source>
        <translation>按该账户的友好时段设置，不会停供</translation>
    </message>
    <message>
        <source>not now (%1); from %2 local time</source>
        <translation>当前不允许（%1）；自当地时间 %2 起允许</translation>
    </message>
    <message>
        <source>Not due</source>
        <translation>未到期</translation>
    </message>
    <message>
        <source>Up to 30 days</source>
        <translation>30 天以内</translation>
    </message>
    <message>
        <source>31–60 days</source>
        <translation>31–60 天</translation>
    </message>
    <message>
        <source>61–90 days</source>
        <translation>61–90 天</translation>
    </message>
    <message>
        <source>Over 90 days</source>
        <translation>超过 90 天</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Aged debt of account %1</source>
        <translation>账户 %1 的账龄</translation>
    </message>
    <message>
        <source>Aged debt (past the due day):</source>
        <translation>账龄（已过到期日）：</translation>
    </message>
    <message>
        <source>No entries yet: the first top-up or daily charge will show here.</source>
        <translation>尚无账目：第一笔充值或每日扣费将显示在此处。</translation>
    </message>
    <message>
        <source>No entries yet: bills and payments will show here.</source>
        <translation>尚无账目：账单和付款将显示在此处。</translation>
    </message>
    <message numerus="yes">
        <source>Last %n entries of %1:</source>
        <translation>
            <numerusform>%1 的最近 %n 条账目：</numerusform>
        </translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>账目</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参考号</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>%1 到期</translation>
    </message>
    <message>
        <source>Top &amp;up…</source>
        <translation>充值(&amp;U)…</translation>
    </message>
    <message>
        <source>Record &amp;payment…</source>
        <translation>记录付款(&amp;P)…</translation>
    </message>
    <message>
        <source>Your role may not take payments or top-ups.</source>
        <translation>您的角色无权收取付款或充值。</translation>
    </message>
    <message>
        <source>Account events</source>
        <translation>账户事件</translation>
    </message>
    <message>
        <source>No account events to look at: low balances, use beyond the allowance and arrears would show here.</source>
        <translation>没有需要查看的账户事件：余额不足、超出免费额度的用量和欠费会显示在此处。</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Acknowledge: %1</source>
        <translation>确认：%1</translation>
    </message>
    <message>
        <source>The event could not be acknowledged: %1</source>
        <translation>无法确认该事件：%1</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillCalculator</name>
    <message>
        <source>all kWh</source>
        <translation>全部 kWh</translation>
    </message>
    <message>
        <source>over %1 kWh</source>
        <translation>超过 %1 kWh</translation>
    </message>
    <message>
        <source>first %1 kWh</source>
        <translation>前 %1 kWh</translation>
    </message>
    <message>
        <source>%1 to %2 kWh</source>
        <translation>%1 至 %2 kWh</translation>
    </message>
    <message>
        <source>The bill period needs a valid first and last day.</source>
        <translation>账单周期需要有效的起始日和结束日。</translation>
    </message>
    <message>
        <source>The bill period ends on %1, before it starts on %2; enter a last day on or after the first.</source>
        <translation>账单周期结束于 %1，早于其开始日 %2；请输入不早于开始日的结束日。</translation>
    </message>
    <message>
        <source>The usage interval of %1 minutes does not divide the day; use 5, 15, 30 or 60 minutes, or daily readings.</source>
        <translation>%1 分钟的用量间隔无法整除一天；请使用 5、15、30 或 60 分钟，或使用每日读数。</translation>
    </message>
    <message>
        <source>A market and class may have at most 64 levies.</source>
        <translation>每个市场和客户类别最多可有 64 项附加费。</translation>
    </message>
    <message>
        <source>The tariff %1 has no prices for %2: none of its versions covers that day.</source>
        <translation>电价方案 %1 在 %2 没有价格：其所有版本均不涵盖该日。</translation>
    </message>
    <message>
        <source>allowance</source>
        <translation>免费额度</translation>
    </message>
    <message>
        <source>included</source>
        <translation>套餐内</translation>
    </message>
    <message>
        <source>peak</source>
        <translation>峰时</translation>
    </message>
    <message>
        <source>off-peak</source>
        <translation>谷时</translation>
    </message>
    <message>
        <source>%1 of %2 days</source>
        <translation>%2 天中的 %1 天</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillDocument</name>
    <message>
        <source>Electricity bill</source>
        <translation>电费账单</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>账户编号</translation>
    </message>
    <message>
        <source>Supply address</source>
        <translation>用电地址</translation>
    </message>
    <message>
        <source>Bill number</source>
        <translation>账单编号</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>出具日期</translation>
    </message>
    <message>
        <source>Billing period</source>
        <translation>计费周期</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Tariff</source>
        <translation>电价方案</translation>
    </message>
    <message>
        <source>Consumption</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Total before VAT</source>
        <translation>不含增值税合计</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>增值税</translation>
    </message>
    <message>
        <source>Total to pay</source>
        <translation>应付金额</translation>
    </message>
    <message>
        <source>Please pay %1 by %2.</source>
        <translation>请于 %2 前支付 %1。</translation>
    </message>
    <message>
        <source>Standing charge</source>
        <translation>固定费</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>电量电费</translation>
    </message>
    <message>
        <source>Energy: %1</source>
        <translation>电量电费：%1</translation>
    </message>
    <message>
        <source>Demand charge (highest demand)</source>
        <translation>需量电费（最大需量）</translation>
    </message>
    <message>
        <source>Demand charge (highest demand), %1</source>
        <translation>需量电费（最大需量），%1</translation>
    </message>
    <message>
        <source>Package: %1</source>
        <translation>套餐：%1</translation>
    </message>
    <message>
        <source>Allowance: %1</source>
        <translation>免费额度：%1</translation>
    </message>
    <message>
        <source>%1 (estimated: %2)</source>
        <translation>%1（估算：%2）</translation>
    </message>
    <message>
        <source>Lines marked &quot;estimated&quot; include consumption from estimated readings: %1 of %2 in all.</source>
        <translation>标有“估算”的项目包含基于估算读数的用量：合计 %2 中有 %1。</translation>
    </message>
    <message numerus="yes">
        <source>%n intervals of the period had no reading and are not billed.</source>
        <translation>
            <numerusform>本计费周期内有 %n 个时段间隔没有读数，未予计费。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 kWh</source>
        <translation>%1 kWh</translation>
    </message>
    <message>
        <source>%1 kW</source>
        <translation>%1 kW</translation>
    </message>
    <message>
        <source>%1/kWh</source>
        <translation>%1/kWh</translation>
    </message>
    <message>
        <source>%1/day</source>
        <translation>%1/天</translation>
    </message>
    <message>
        <source>%1/kW</source>
        <translation>%1/kW</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>The bill template is missing from the program (%1).</source>
        <translation>程序中缺少账单模板（%1）。</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillLineText</name>
    <message>
        <source>Standing charge</source>
        <translation>固定费</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Energy – %1</source>
        <translation>用量 – %1</translation>
    </message>
    <message>
        <source>Maximum demand</source>
        <translation>最大需量</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>套餐</translation>
    </message>
    <message>
        <source>Package – %1</source>
        <translation>套餐 – %1</translation>
    </message>
    <message>
        <source>Prepaid allowance</source>
        <translation>预付费免费额度</translation>
    </message>
    <message>
        <source>Prepaid allowance – %1</source>
        <translation>预付费免费额度 – %1</translation>
    </message>
    <message>
        <source>VAT %1 %</source>
        <translation>增值税 %1 %</translation>
    </message>
    <message>
        <source>%1 kWh</source>
        <translation>%1 kWh</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 kW</source>
        <translation>%1 kW</translation>
    </message>
    <message>
        <source>%1 %2/day</source>
        <translation>%1 %2/天</translation>
    </message>
    <message>
        <source>%1 %2/kW</source>
        <translation>%1 %2/kW</translation>
    </message>
    <message>
        <source>%1 %2/kWh</source>
        <translation>%1 %2/kWh</translation>
    </message>
    <message>
        <source>%1 % of %2</source>
        <translation>%2 的 %1 %</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillListModel</name>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>%1 kWh</source>
        <translation>%1 kWh</translation>
    </message>
    <message>
        <source>%1 of %2 estimated</source>
        <translation>%2 中 %1 为估算</translation>
    </message>
    <message numerus="yes">
        <source>%n intervals without reading</source>
        <translation>
            <numerusform>%n 个间隔无读数</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (void)</source>
        <translation>%1（已作废）</translation>
    </message>
    <message>
        <source>Estimated</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>All actual readings</source>
        <translation>全部为实际读数</translation>
    </message>
    <message>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>计费周期</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Consumption</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>出具日期</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillPdf</name>
    <message>
        <source>The bill document could not be laid out for printing.</source>
        <translation>无法对账单文档进行打印排版。</translation>
    </message>
    <message>
        <source>The bill document could not be printed to PDF.</source>
        <translation>无法将账单文档打印为 PDF。</translation>
    </message>
    <message numerus="yes">
        <source>Printing the bill document to PDF did not finish within %n seconds.</source>
        <translation>
            <numerusform>将账单文档打印为 PDF 未能在 %n 秒内完成。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write the bill PDF %1: %2.</source>
        <translation>无法写入账单 PDF %1：%2。</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillRun</name>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>The account was removed during the run.</source>
        <translation>该账户在批量出账期间被删除。</translation>
    </message>
    <message>
        <source>The tariff %1 is not a tariff of the market %2.</source>
        <translation>电价方案 %1 不属于市场 %2。</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillRunFailuresModel</name>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Why it was not billed</source>
        <translation>未出账原因</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillRunPage</name>
    <message>
        <source>Enter a day on or after %1.</source>
        <translation>请输入不早于 %1 的日期。</translation>
    </message>
    <message>
        <source>A bill run covers at most 366 days; enter an earlier day.</source>
        <translation>一次批量出账最多涵盖 366 天；请输入更早的日期。</translation>
    </message>
    <message>
        <source>Bill run %1 to %2</source>
        <translation>批量出账 %1 至 %2</translation>
    </message>
    <message>
        <source>Finding the accounts to bill…</source>
        <translation>正在查找要出账的账户…</translation>
    </message>
    <message>
        <source>%1 billed, %2 already billed, %3 not billed.</source>
        <translation>已出账 %1 个，此前已出账 %2 个，未出账 %3 个。</translation>
    </message>
    <message>
        <source>The bill run was cancelled; the bills issued so far stay. Run the period again to bill the rest. %1</source>
        <translation>批量出账已取消；已出具的账单将保留。请对该期间重新运行，为其余账户出账。%1</translation>
    </message>
    <message>
        <source>The bill run finished: %1 The accounts not billed are listed with the reason below.</source>
        <translation>批量出账已完成：%1 未出账的账户及原因列于下方。</translation>
    </message>
    <message>
        <source>The bill run finished: %1</source>
        <translation>批量出账已完成：%1</translation>
    </message>
    <message>
        <source>The bill run stopped: %1 The bills issued before stay; run the period again to continue.</source>
        <translation>批量出账已中止：%1 此前出具的账单将保留；请对该期间重新运行以继续。</translation>
    </message>
    <message>
        <source>Cancelling after the current batch…</source>
        <translation>将在当前批次完成后取消…</translation>
    </message>
    <message>
        <source>Billing account %1 of %2…</source>
        <translation>正在为第 %1 个账户出账（共 %2 个）…</translation>
    </message>
    <message>
        <source>No bill runs yet. Choose a period above and run it.</source>
        <translation>尚无批量出账。请在上方选择期间并运行。</translation>
    </message>
    <message>
        <source>&amp;Run bills</source>
        <translation>运行出账(&amp;R)</translation>
    </message>
    <message>
        <source>The failed accounts could not be loaded: %1</source>
        <translation>无法加载出账失败的账户：%1</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>开始日期(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>结束日期(&amp;T)：</translation>
    </message>
    <message>
        <source>Bill every active postpaid account with a tariff for these days; accounts already billed for them are skipped</source>
        <translation>为这些天内所有有电价方案的有效后付费账户出账；已为这些天出账的账户将被跳过</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Stop after the current batch; the bills issued so far stay</source>
        <translation>在当前批次完成后停止；已出具的账单将保留</translation>
    </message>
    <message>
        <source>&amp;Latest runs:</source>
        <translation>最近的批量出账(&amp;L)：</translation>
    </message>
    <message>
        <source>Accounts the selected run could not &amp;bill:</source>
        <translation>所选批量出账未能出账的账户(&amp;B)：</translation>
    </message>
    <message>
        <source>Bill run</source>
        <translation>批量出账</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillRunsModel</name>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户数</translation>
    </message>
    <message>
        <source>Billed</source>
        <translation>已出账</translation>
    </message>
    <message>
        <source>Already billed</source>
        <translation>此前已出账</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Run by</source>
        <translation>执行人</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillService</name>
    <message>
        <source>From: enter the first day of the period, e.g. 2024-06-01.</source>
        <translation>开始日期：请输入期间的第一天，例如 2024-06-01。</translation>
    </message>
    <message>
        <source>To: enter the last day of the period, e.g. 2024-06-30.</source>
        <translation>结束日期：请输入期间的最后一天，例如 2024-06-30。</translation>
    </message>
    <message>
        <source>To: enter a day on or after %1, the first day of the period.</source>
        <translation>结束日期：请输入不早于期间第一天 %1 的日期。</translation>
    </message>
    <message>
        <source>To: a bill covers at most %1 days; enter a day up to %2.</source>
        <translation>结束日期：一张账单最多涵盖 %1 天；请输入不晚于 %2 的日期。</translation>
    </message>
    <message>
        <source>The account %1 changes tariff after %2, within the period; bill the days up to %2 and the days after it separately.</source>
        <translation>账户 %1 在 %2 之后更换电价方案，该日期在期间内；请分别对截至 %2 的天数和此后的天数出账。</translation>
    </message>
    <message>
        <source>The account %1 has no tariff before %2; bill it from %2 on, or assign a tariff for the days before.</source>
        <translation>账户 %1 在 %2 之前没有电价方案；请自 %2 起出账，或为之前的天数指定电价方案。</translation>
    </message>
    <message>
        <source>The account %1 has no tariff for %2 to %3; assign one before billing it.</source>
        <translation>账户 %1 在 %2 至 %3 期间没有电价方案；请先为其指定一个，再出账。</translation>
    </message>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>该客户不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>The account %1 is prepaid: its consumption is charged to its balance, not billed.</source>
        <translation>账户 %1 为预付费：其用量从余额中扣除，不出具账单。</translation>
    </message>
    <message>
        <source>The account %1 was not open from %2 to %3; enter a period when it was.</source>
        <translation>账户 %1 在 %2 至 %3 期间未开通；请输入账户开通期间内的期间。</translation>
    </message>
    <message>
        <source>The tariff %1 of the account %2 does not exist (any more).</source>
        <translation>账户 %2 的电价方案 %1 不存在（或已不存在）。</translation>
    </message>
    <message>
        <source>The account %1 already has the bill %2 for %3 to %4; it is not billed twice.</source>
        <translation>账户 %1 已有 %3 至 %4 的账单 %2；不会重复出账。</translation>
    </message>
    <message>
        <source>There is no bill %1.</source>
        <translation>不存在账单 %1。</translation>
    </message>
    <message>
        <source>The bills could not be stored: %1.</source>
        <translation>无法保存账单：%1。</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Bill lines</source>
        <translation>账单明细</translation>
    </message>
    <message>
        <source>the SQLite driver does not give access to its connection</source>
        <translation>SQLite 驱动程序不提供对其连接的访问</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillingData</name>
    <message>
        <source>There is no account %1.</source>
        <translation>不存在账户 %1。</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillingService</name>
    <message>
        <source>From: enter the first day of the bill as YYYY-MM-DD.</source>
        <translation>开始日期：请按 YYYY-MM-DD 格式输入账单的第一天。</translation>
    </message>
    <message>
        <source>To: enter the last day of the bill as YYYY-MM-DD.</source>
        <translation>结束日期：请按 YYYY-MM-DD 格式输入账单的最后一天。</translation>
    </message>
    <message>
        <source>To: %1 is before the first day %2; enter a last day on or after it.</source>
        <translation>结束日期：%1 早于第一天 %2；请输入不早于该日的最后一天。</translation>
    </message>
    <message>
        <source>Tariff: there is no tariff %1 in the market %2 of account %3.</source>
        <translation>电价方案：账户 %3 所在的市场 %2 中没有电价方案 %1。</translation>
    </message>
    <message>
        <source>Account %1 changes to the tariff %2 on %3, inside the period; bill up to %4 and from %3 separately.</source>
        <translation>账户 %1 于 %3 改用电价方案 %2，该日期在周期内；请分别对截至 %4 和自 %3 起的期间出账。</translation>
    </message>
    <message>
        <source>Account %1 has no tariff on %2: assign it one, or name a tariff to bill it under.</source>
        <translation>账户 %1 在 %2 没有电价方案：请为其指定一个，或指定用于出账的电价方案。</translation>
    </message>
    <message>
        <source>Account %1 is on the tariff %2 only up to %3; bill up to then, or name a tariff.</source>
        <translation>账户 %1 仅在 %3 之前使用电价方案 %2；请只出账至该日，或指定一个电价方案。</translation>
    </message>
    <message>
        <source>The tariff %1 is no longer defined.</source>
        <translation>电价方案 %1 已不存在。</translation>
    </message>
    <message>
        <source>From: enter the first day on the tariff as YYYY-MM-DD.</source>
        <translation>开始日期：请按 YYYY-MM-DD 格式输入使用该电价方案的第一天。</translation>
    </message>
    <message>
        <source>Tariff: enter the code of a tariff of the account&apos;s market.</source>
        <translation>电价方案：请输入该账户所在市场的电价方案代码。</translation>
    </message>
    <message>
        <source>Tariff: %1 is not for %2 customers; choose a tariff of their class.</source>
        <translation>电价方案：%1 不适用于 %2 客户；请选择适用于其类别的电价方案。</translation>
    </message>
    <message>
        <source>Tariff: %1 is a postpaid tariff and account %2 is prepaid; choose a prepaid tariff.</source>
        <translation>电价方案：%1 是后付费电价方案，而账户 %2 是预付费账户；请选择预付费电价方案。</translation>
    </message>
    <message>
        <source>Tariff: %1 is a prepaid tariff and account %2 is postpaid; choose a postpaid tariff.</source>
        <translation>电价方案：%1 是预付费电价方案，而账户 %2 是后付费账户；请选择后付费电价方案。</translation>
    </message>
    <message>
        <source>From: the tariff %1 has no prices on %2; choose a day one of its versions covers.</source>
        <translation>开始日期：电价方案 %1 在 %2 没有价格；请选择其某个版本涵盖的日期。</translation>
    </message>
    <message>
        <source>From: account %1 is on the tariff %2 from %3; choose a day after that.</source>
        <translation>开始日期：账户 %1 自 %3 起使用电价方案 %2；请选择此后的日期。</translation>
    </message>
    <message>
        <source>From: account %1 is on the tariff %2 until %3; choose a day after that.</source>
        <translation>开始日期：账户 %1 使用电价方案 %2 至 %3；请选择此后的日期。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>There is no customer %1.</source>
        <translation>不存在客户 %1。</translation>
    </message>
    <message>
        <source>Account %1 has no full month of readings yet (from %2 to %3).</source>
        <translation>账户 %1 尚无完整一个月的读数（%2 至 %3）。</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillsSection</name>
    <message>
        <source>The bill PDF could not be made: %1</source>
        <translation>无法生成账单 PDF：%1</translation>
    </message>
    <message>
        <source>No bills yet.</source>
        <translation>尚无账单。</translation>
    </message>
    <message>
        <source>&amp;Calculate bill…</source>
        <translation>计算账单(&amp;C)…</translation>
    </message>
    <message>
        <source>The bill PDF could not be written to %1: %2</source>
        <translation>无法将账单 PDF 写入 %1：%2</translation>
    </message>
    <message>
        <source>Bill %1 opened</source>
        <translation>已打开账单 %1</translation>
    </message>
    <message>
        <source>The bill could not be loaded: %1</source>
        <translation>无法加载账单：%1</translation>
    </message>
    <message>
        <source>Bill %1 issued</source>
        <translation>已出具账单 %1</translation>
    </message>
    <message>
        <source>Calculate bill</source>
        <translation>计算账单</translation>
    </message>
    <message>
        <source>&amp;Open PDF</source>
        <translation>打开 PDF(&amp;O)</translation>
    </message>
    <message>
        <source>Print the selected bill as the customer received it and open it (Enter)</source>
        <translation>按客户收到的样式打印所选账单并将其打开（Enter）</translation>
    </message>
    <message>
        <source>Calculate &amp;bill…</source>
        <translation>计算账单(&amp;B)…</translation>
    </message>
    <message>
        <source>Work out the bill of a period from the readings, and issue it</source>
        <translation>根据读数计算某一期间的账单并出具</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>账单</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::CalculateBillPage</name>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>The customer has no postpaid account; prepaid accounts are charged to their balance, not billed.</source>
        <translation>该客户没有后付费账户；预付费账户从余额中扣费，不出具账单。</translation>
    </message>
    <message>
        <source>The customer&apos;s accounts could not be loaded: %1</source>
        <translation>无法加载该客户的账户：%1</translation>
    </message>
    <message>
        <source>Enter a day on or after %1.</source>
        <translation>请输入不早于 %1 的日期。</translation>
    </message>
    <message>
        <source>A bill covers at most %1 days; enter an earlier day.</source>
        <translation>一张账单最多涵盖 %1 天；请输入更早的日期。</translation>
    </message>
    <message>
        <source>The bill could not be calculated: %1</source>
        <translation>无法计算账单：%1</translation>
    </message>
    <message>
        <source>%1 to %2: %3 including %4 VAT, for %5.</source>
        <translation>%1 至 %2：%3（含增值税 %4），对应 %5。</translation>
    </message>
    <message>
        <source>Estimated: %1.</source>
        <translation>估算：%1。</translation>
    </message>
    <message>
        <source>The bill %1 already covers %2 to %3, so this period cannot be issued again.</source>
        <translation>账单 %1 已涵盖 %2 至 %3，因此无法再次出具此期间的账单。</translation>
    </message>
    <message>
        <source>Issuing bills needs the permission to run billing; this is a preview.</source>
        <translation>出具账单需要运行计费的权限；当前为预览。</translation>
    </message>
    <message>
        <source>The bill was not issued: %1</source>
        <translation>账单未出具：%1</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>账户(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>开始日期(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>结束日期(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Calculate</source>
        <translation>计算(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Issue bill</source>
        <translation>出具账单(&amp;I)</translation>
    </message>
    <message>
        <source>Store this bill with a bill number; the customer&apos;s document is printed from it</source>
        <translation>以账单编号保存此账单；客户的账单文档将据此打印</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::FriendlyHours</name>
    <message>
        <source>it is outside the hours supply may be disconnected in (%1 to %2)</source>
        <translation>当前不在允许停供的时段内（%1 至 %2）</translation>
    </message>
    <message>
        <source>supply is not disconnected at weekends</source>
        <translation>周末不停供</translation>
    </message>
    <message>
        <source>it is a public holiday</source>
        <translation>当天是公共假日</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::LastPaymentFactor</name>
    <message>
        <source>last payment amount</source>
        <translation>上次付款金额</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::Ledger</name>
    <message>
        <source>Daily charge</source>
        <translation>每日扣费</translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>贷记</translation>
    </message>
    <message>
        <source>Debt recovery</source>
        <translation>欠款回收</translation>
    </message>
    <message>
        <source>Emergency credit</source>
        <translation>紧急信用额度</translation>
    </message>
    <message>
        <source>Emergency credit repaid</source>
        <translation>紧急信用额度已偿还</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>nothing past due</source>
        <translation>无逾期</translation>
    </message>
    <message>
        <source>up to 30 days past due</source>
        <translation>逾期 30 天以内</translation>
    </message>
    <message>
        <source>31 to 60 days past due</source>
        <translation>逾期 31 至 60 天</translation>
    </message>
    <message>
        <source>61 to 90 days past due</source>
        <translation>逾期 61 至 90 天</translation>
    </message>
    <message>
        <source>over 90 days past due</source>
        <translation>逾期超过 90 天</translation>
    </message>
    <message>
        <source>Balance of %1 fell below %2 (now %3).</source>
        <translation>%1 的余额已低于 %2（当前为 %3）。</translation>
    </message>
    <message>
        <source>%1 used %2 kWh on %3, %4 kWh beyond the allowance.</source>
        <translation>%1 在 %3 使用了 %2 kWh，超出免费额度 %4 kWh。</translation>
    </message>
    <message>
        <source>Emergency credit of %1 granted on %2; it is repaid first from the next top-up.</source>
        <translation>已于 %2 发放 %1 的紧急信用额度；将首先从下一笔充值中偿还。</translation>
    </message>
    <message>
        <source>%1 is now %2: %3 past due.</source>
        <translation>%1 现为%2：逾期金额 %3。</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::LedgerForm</name>
    <message>
        <source>Enter the amount, such as %1.</source>
        <translation>请输入金额，例如 %1。</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Enter an amount above zero.</source>
        <translation>请输入大于零的金额。</translation>
    </message>
    <message>
        <source>Enter the code printed on the voucher.</source>
        <translation>请输入充值券上印的代码。</translation>
    </message>
    <message>
        <source>Enter the payment provider&apos;s token of the customer&apos;s card.</source>
        <translation>请输入支付服务商为客户银行卡提供的令牌。</translation>
    </message>
    <message>
        <source>Topped up %1 by voucher</source>
        <translation>已通过充值券充值 %1</translation>
    </message>
    <message>
        <source>Topped up %1 by card</source>
        <translation>已通过银行卡充值 %1</translation>
    </message>
    <message>
        <source>Payment of %1 recorded</source>
        <translation>已记录 %1 的付款</translation>
    </message>
    <message>
        <source>A&amp;mount (%1):</source>
        <translation>金额（%1）(&amp;M)：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Pay with:</source>
        <translation>支付方式(&amp;P)：</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>充值券</translation>
    </message>
    <message>
        <source>Voucher &amp;code:</source>
        <translation>充值券代码(&amp;C)：</translation>
    </message>
    <message>
        <source>Card &amp;token:</source>
        <translation>银行卡令牌(&amp;T)：</translation>
    </message>
    <message>
        <source>The voucher&apos;s value</source>
        <translation>充值券面值</translation>
    </message>
    <message>
        <source>&amp;Top up</source>
        <translation>充值(&amp;T)</translation>
    </message>
    <message>
        <source>M&amp;ethod:</source>
        <translation>方式(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Reference:</source>
        <translation>参考号(&amp;R)：</translation>
    </message>
    <message>
        <source>Optional, e.g. the bank&apos;s reference</source>
        <translation>可选，例如银行参考号</translation>
    </message>
    <message>
        <source>&amp;Record payment</source>
        <translation>记录付款(&amp;R)</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::LedgerService</name>
    <message>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Cheque</source>
        <translation>支票</translation>
    </message>
    <message>
        <source>Direct debit</source>
        <translation>直接扣款</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>充值券</translation>
    </message>
    <message>
        <source>There is no account %1; give an account number such as UD00000042.</source>
        <translation>不存在账户 %1；请提供账户号码，例如 UD00000042。</translation>
    </message>
    <message>
        <source>%1: enter an amount such as %2.</source>
        <translation>%1：请输入金额，例如 %2。</translation>
    </message>
    <message>
        <source>%1: at most %2 at a time.</source>
        <translation>%1：每次最多 %2。</translation>
    </message>
    <message>
        <source>%1: enter an amount above zero.</source>
        <translation>%1：请输入大于零的金额。</translation>
    </message>
    <message>
        <source>%1: enter an amount other than zero.</source>
        <translation>%1：请输入非零金额。</translation>
    </message>
    <message>
        <source>the balance is not below zero</source>
        <translation>余额未低于零</translation>
    </message>
    <message>
        <source>Account %1 is postpaid: its supply is not disconnected for a balance.</source>
        <translation>账户 %1 为后付费：不会因余额而停供。</translation>
    </message>
    <message>
        <source>Account %1 is postpaid: its use is charged on its bills.</source>
        <translation>账户 %1 为后付费：其用量通过账单收费。</translation>
    </message>
    <message>
        <source>Through day: charges can be posted up to yesterday (%1); a day is charged once it is over.</source>
        <translation>截止日期：费用最多只能记入到昨天（%1）；每天结束后才会扣费。</translation>
    </message>
    <message>
        <source>Account %1 has no tariff: assign it a prepaid tariff before posting charges.</source>
        <translation>账户 %1 没有电价方案：请先为其指定预付费电价方案，再记入费用。</translation>
    </message>
    <message>
        <source>Account %1 has no tariff on %2: assign it one before posting charges.</source>
        <translation>账户 %1 在 %2 没有电价方案：请先为其指定一个，再记入费用。</translation>
    </message>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>该客户不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Card token: enter the payment provider&apos;s token of the customer&apos;s card.</source>
        <translation>银行卡令牌：请输入支付服务商为客户银行卡提供的令牌。</translation>
    </message>
    <message>
        <source>Voucher code: enter the code printed on the voucher.</source>
        <translation>充值券代码：请输入充值券上印的代码。</translation>
    </message>
    <message>
        <source>Account %1 is postpaid: record a payment instead of a top-up.</source>
        <translation>账户 %1 为后付费：请记录付款，而不是充值。</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>The card is blocked (%1); nothing was taken. Ask the customer for another card.</source>
        <translation>该卡已被冻结（%1），未扣取任何款项。请让客户提供另一张卡。</translation>
    </message>
    <message>
        <source>Voucher code: no voucher has this code; check it and type it again.</source>
        <translation>充值券代码：没有使用此代码的充值券；请检查后重新输入。</translation>
    </message>
    <message>
        <source>Voucher code: this voucher was already used on %1.</source>
        <translation>充值券代码：此充值券已于 %1 使用。</translation>
    </message>
    <message>
        <source>Voucher code: the voucher is in %1, but the account&apos;s amounts are in %2.</source>
        <translation>充值券代码：此充值券的币种为 %1，但账户金额的币种为 %2。</translation>
    </message>
    <message>
        <source>Amount: the voucher is worth %1, not %2.</source>
        <translation>金额：此充值券面值为 %1，而不是 %2。</translation>
    </message>
    <message>
        <source>Voucher code: this voucher was used a moment ago.</source>
        <translation>充值券代码：此充值券刚刚已被使用。</translation>
    </message>
    <message>
        <source>Account %1 is postpaid: emergency credit is for prepaid accounts.</source>
        <translation>账户 %1 为后付费：紧急信用额度仅适用于预付费账户。</translation>
    </message>
    <message>
        <source>No emergency credit is offered on account %1.</source>
        <translation>账户 %1 不提供紧急信用额度。</translation>
    </message>
    <message>
        <source>Emergency credit of %1 is still to be repaid on account %2; it is repaid from the next top-up.</source>
        <translation>账户 %2 仍有 %1 的紧急信用额度待偿还；将从下一笔充值中偿还。</translation>
    </message>
    <message>
        <source>Emergency credit is for a balance below %1; the balance of %2 is %3.</source>
        <translation>紧急信用额度仅适用于余额低于 %1 的情况；%2 的余额为 %3。</translation>
    </message>
    <message>
        <source>Debt</source>
        <translation>欠款</translation>
    </message>
    <message>
        <source>Recovery share: enter a share of each top-up from 0.01 % to 100 %.</source>
        <translation>回收比例：请输入每笔充值的回收比例，范围为 0.01 % 至 100 %。</translation>
    </message>
    <message>
        <source>Card token: enter the payment provider&apos;s token of the card to block.</source>
        <translation>银行卡令牌：请输入要冻结的银行卡的支付服务商令牌。</translation>
    </message>
    <message>
        <source>Reason: say why the card is blocked; a refused top-up shows it.</source>
        <translation>原因：请说明冻结该卡的原因；充值被拒绝时会显示此原因。</translation>
    </message>
    <message>
        <source>Reason: at most 200 characters.</source>
        <translation>原因：最多 200 个字符。</translation>
    </message>
    <message>
        <source>Voucher code: enter the code of the voucher, at least 8 characters.</source>
        <translation>充值券代码：请输入充值券的代码，至少 8 个字符。</translation>
    </message>
    <message>
        <source>Currency: enter the ISO code of the voucher&apos;s currency, such as EUR.</source>
        <translation>币种：请输入充值券币种的 ISO 代码，例如 EUR。</translation>
    </message>
    <message>
        <source>Voucher code: a voucher with this code exists already.</source>
        <translation>充值券代码：已存在使用此代码的充值券。</translation>
    </message>
    <message>
        <source>Note: say why the balance is adjusted.</source>
        <translation>备注：请说明调整余额的原因。</translation>
    </message>
    <message>
        <source>Method: use one of %1.</source>
        <translation>方式：请使用以下之一：%1。</translation>
    </message>
    <message>
        <source>Reference: at most 100 characters.</source>
        <translation>参考号：最多 100 个字符。</translation>
    </message>
    <message>
        <source>Account %1 is prepaid: take a top-up instead of a payment.</source>
        <translation>账户 %1 为预付费：请办理充值，而不是付款。</translation>
    </message>
    <message>
        <source>A bill needs its id, the day it was issued and a due day not before it.</source>
        <translation>账单需要有 ID、开具日期以及不早于开具日期的到期日。</translation>
    </message>
    <message>
        <source>There is no account %1 to put the bill on.</source>
        <translation>不存在可记入该账单的账户 %1。</translation>
    </message>
    <message>
        <source>The bill %1 is on the ledger of account %2 already.</source>
        <translation>账单 %1 已在账户 %2 的账目中。</translation>
    </message>
    <message>
        <source>%1 sees only the customers of a region, not the whole portfolio.</source>
        <translation>%1 只能查看某个区域的客户，而不是全部客户。</translation>
    </message>
    <message>
        <source>Day: give the day to age the debt on.</source>
        <translation>日期：请提供计算账龄所依据的日期。</translation>
    </message>
    <message>
        <source>Friendly hours: the start must come before the end, within one day.</source>
        <translation>友好时段：开始时间必须早于结束时间，且在同一天内。</translation>
    </message>
    <message>
        <source>Friendly days: use weekday numbers from 1 (Monday) to 7 (Sunday).</source>
        <translation>友好日：请使用 1（星期一）至 7（星期日）表示星期几。</translation>
    </message>
    <message>
        <source>Emergency credit: enter zero or more.</source>
        <translation>紧急信用额度：请输入零或更大的值。</translation>
    </message>
    <message>
        <source>Low-balance thresholds: list them from the highest to the lowest.</source>
        <translation>低余额阈值：请按从高到低的顺序列出。</translation>
    </message>
    <message>
        <source>The account event does not exist (any more).</source>
        <translation>该账户事件不存在（或已不存在）。</translation>
    </message>
    <message>
        <source>The ledger entries could not be stored: %1.</source>
        <translation>无法保存账目：%1。</translation>
    </message>
    <message>
        <source>Ledger entries</source>
        <translation>账目</translation>
    </message>
    <message>
        <source>Through: charges can be posted up to yesterday; a day is charged once it is over.</source>
        <translation>截至：费用最多只能记到昨天；一天结束后才记费。</translation>
    </message>
    <message>
        <source>the readings of %1 are not complete (intervals missing: %2); charged up to the day before</source>
        <translation>%1 的读数不完整（缺少间隔：%2）；已记费至前一天</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::RateComparisonPage</name>
    <message>
        <source>Each account&apos;s last 12 full months of readings billed under every tariff of its market and customer class, cheapest first. Totals include VAT and levies.</source>
        <translation>按每个账户最近 12 个完整月份的读数，以其市场和客户类别的每个电价方案计费，从最便宜的开始。合计含增值税和附加费。</translation>
    </message>
    <message>
        <source>Billing the last 12 months under every tariff…</source>
        <translation>正在按每个电价方案计算最近 12 个月的费用…</translation>
    </message>
    <message>
        <source>No electricity readings for this customer, so there is nothing to compare.</source>
        <translation>该客户没有电力读数，因此无可比较。</translation>
    </message>
    <message numerus="yes">
        <source>%1 to %2, %n month(s)</source>
        <translation>
            <numerusform>%1 至 %2，%n 个月</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Account %1&lt;/b&gt; (%2, %3): %4, %5 used</source>
        <translation>&lt;b&gt;账户 %1&lt;/b&gt;（%2，%3）：%4，用量 %5</translation>
    </message>
    <message>
        <source>&lt;b&gt;Account %1&lt;/b&gt; (%2, %3)</source>
        <translation>&lt;b&gt;账户 %1&lt;/b&gt;（%2，%3）</translation>
    </message>
    <message>
        <source>%1 of %2 intervals (%3 %) had no reading and count as no use under every tariff.</source>
        <translation>%2 个间隔中有 %1 个（%3 %）没有读数，在每个电价方案下都按无用量计算。</translation>
    </message>
    <message>
        <source>%1 of the use comes from estimated readings.</source>
        <translation>用量中有 %1 来自估算读数。</translation>
    </message>
    <message>
        <source>Every interval of the period has an actual reading.</source>
        <translation>该期间的每个间隔都有实际读数。</translation>
    </message>
    <message>
        <source>The readings cover fewer than 12 months, so these are not yearly figures.</source>
        <translation>读数不足 12 个月，因此这些不是全年数字。</translation>
    </message>
    <message>
        <source>The account is on no tariff at the end of the period, so no saving is shown.</source>
        <translation>该账户在期末没有电价方案，因此不显示节省金额。</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Tariff</source>
        <translation>电价方案</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Total with VAT</source>
        <translation>含增值税合计</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>增值税</translation>
    </message>
    <message>
        <source>Saving against the current tariff</source>
        <translation>相对当前电价方案的节省</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Current tariff</source>
        <translation>当前电价方案</translation>
    </message>
    <message>
        <source>allowance covered %1</source>
        <translation>免费额度覆盖 %1</translation>
    </message>
    <message>
        <source>%1 beyond the included units</source>
        <translation>超出套餐内电量 %1</translation>
    </message>
    <message>
        <source>%1 cheaper</source>
        <translation>便宜 %1</translation>
    </message>
    <message>
        <source>%1 dearer</source>
        <translation>贵 %1</translation>
    </message>
    <message>
        <source>the same</source>
        <translation>相同</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Prepaid</source>
        <translation>预付费</translation>
    </message>
    <message>
        <source>Postpaid</source>
        <translation>后付费</translation>
    </message>
    <message>
        <source>Compare &amp;tariffs</source>
        <translation>比较电价方案(&amp;T)</translation>
    </message>
    <message>
        <source>Compare tariffs</source>
        <translation>比较电价方案</translation>
    </message>
    <message>
        <source>Tariffs compared</source>
        <translation>已比较电价方案</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::TariffComponentBox</name>
    <message>
        <source>Standing charge</source>
        <translation>固定费</translation>
    </message>
    <message>
        <source>Flat rate</source>
        <translation>统一费率</translation>
    </message>
    <message>
        <source>Tiered blocks</source>
        <translation>阶梯电价</translation>
    </message>
    <message>
        <source>Time of use</source>
        <translation>分时电价</translation>
    </message>
    <message>
        <source>Demand charge</source>
        <translation>需量电费</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>套餐</translation>
    </message>
    <message>
        <source>Prepaid allowance</source>
        <translation>预付费免费额度</translation>
    </message>
    <message>
        <source>Price per &amp;day:</source>
        <translation>每天价格(&amp;D)：</translation>
    </message>
    <message>
        <source>Price per &amp;kWh:</source>
        <translation>每 kWh 价格(&amp;K)：</translation>
    </message>
    <message>
        <source>Price per k&amp;W of maximum demand:</source>
        <translation>每 kW 最大需量价格(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Included kWh per month:</source>
        <translation>每月包含的 kWh(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Peak price per kWh beyond them:</source>
        <translation>超出部分的峰时每 kWh 价格(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Off-peak price per kWh beyond them:</source>
        <translation>超出部分的谷时每 kWh 价格(&amp;O)：</translation>
    </message>
    <message>
        <source>Off-peak &amp;bands (time-of-use band names, comma-separated):</source>
        <translation>谷时时段（分时电价时段名称，以逗号分隔）(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Daily allowance (kWh):</source>
        <translation>每日免费额度（kWh）(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Carry-over cap (kWh):</source>
        <translation>结转上限（kWh）(&amp;C)：</translation>
    </message>
    <message>
        <source>%1, row %2</source>
        <translation>%1，第 %2 行</translation>
    </message>
    <message>
        <source>%1, season of row %2</source>
        <translation>%1，第 %2 行的季节</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Blocks &amp;restart:</source>
        <translation>阶梯重新计算(&amp;R)：</translation>
    </message>
    <message>
        <source>Every month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>Every year</source>
        <translation>每年</translation>
    </message>
    <message>
        <source>Up to kWh (empty: no limit)</source>
        <translation>上限 kWh（留空：无上限）</translation>
    </message>
    <message>
        <source>Price per kWh</source>
        <translation>每 kWh 价格</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>季节</translation>
    </message>
    <message>
        <source>From (MM-DD)</source>
        <translation>开始（MM-DD）</translation>
    </message>
    <message>
        <source>To (MM-DD)</source>
        <translation>结束（MM-DD）</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>Weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>Band</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Start (HH:MM)</source>
        <translation>开始（HH:MM）</translation>
    </message>
    <message>
        <source>End (HH:MM)</source>
        <translation>结束（HH:MM）</translation>
    </message>
    <message>
        <source>Add &amp;band</source>
        <translation>添加时段(&amp;B)</translation>
    </message>
    <message>
        <source>Add &amp;block</source>
        <translation>添加阶梯(&amp;B)</translation>
    </message>
    <message>
        <source>Remove &amp;row</source>
        <translation>删除行(&amp;R)</translation>
    </message>
    <message>
        <source>Remove this component</source>
        <translation>删除此组成部分</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::TariffForm</name>
    <message>
        <source>Edit tariff</source>
        <translation>编辑电价方案</translation>
    </message>
    <message>
        <source>Prices in %1</source>
        <translation>价格单位：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Public holidays</source>
        <translation>公共假日</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>组成部分</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>代码(&amp;C)：</translation>
    </message>
    <message>
        <source>Letters, digits, - _ . (unique in the market)</source>
        <translation>字母、数字、- _ .（在市场内唯一）</translation>
    </message>
    <message>
        <source>&amp;Name customers see:</source>
        <translation>客户看到的名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Market:</source>
        <translation>市场(&amp;M)：</translation>
    </message>
    <message>
        <source>Customer classes:</source>
        <translation>客户类别：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>Postpaid (billed)</source>
        <translation>后付费（出账单）</translation>
    </message>
    <message>
        <source>Prepaid (pay as you go)</source>
        <translation>预付费（随用随付）</translation>
    </message>
    <message>
        <source>In &amp;force from:</source>
        <translation>生效日期(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>截止日期(&amp;U)：</translation>
    </message>
    <message>
        <source>No end yet</source>
        <translation>尚无结束日期</translation>
    </message>
    <message>
        <source>Public &amp;holidays:</source>
        <translation>公共假日(&amp;H)：</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, comma-separated; priced by the time-of-use holiday schedule</source>
        <translation>YYYY-MM-DD，以逗号分隔；按分时电价的节假日时间表计价</translation>
    </message>
    <message>
        <source>Prices of this version:</source>
        <translation>此版本的价格：</translation>
    </message>
    <message>
        <source>&amp;Add component</source>
        <translation>添加组成部分(&amp;A)</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::TariffJson</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>not a known key here; use %1.</source>
        <translation>不是此处可用的键；请使用 %1。</translation>
    </message>
    <message>
        <source>missing; expected %1.</source>
        <translation>缺失；应为%1。</translation>
    </message>
    <message>
        <source>expected %1, not %2.</source>
        <translation>应为%1，而不是 %2。</translation>
    </message>
    <message>
        <source>an object { ... }</source>
        <translation>对象 { ... }</translation>
    </message>
    <message>
        <source>a date written YYYY-MM-DD</source>
        <translation>格式为 YYYY-MM-DD 的日期</translation>
    </message>
    <message>
        <source>a price as decimal text such as &quot;0.2450&quot;</source>
        <translation>以小数文本表示的价格，例如 &quot;0.2450&quot;</translation>
    </message>
    <message>
        <source>expected a price as decimal text such as &quot;0.2450&quot;, not the number %1; write prices in quotes so that they are read exactly.</source>
        <translation>应为以小数文本表示的价格（例如 &quot;0.2450&quot;），而不是数字 %1；请将价格写在引号中，以便精确读取。</translation>
    </message>
    <message>
        <source>%1 is negative; enter a price of 0 or more.</source>
        <translation>%1 为负数；请输入 0 或以上的价格。</translation>
    </message>
    <message>
        <source>%1 has more than 6 decimals; prices are kept to a millionth of the currency unit.</source>
        <translation>%1 的小数超过 6 位；价格精确到货币单位的百万分之一。</translation>
    </message>
    <message>
        <source>a number of kWh such as 100 or 2.5</source>
        <translation>kWh 数值，例如 100 或 2.5</translation>
    </message>
    <message>
        <source>%1 is negative; enter 0 kWh or more.</source>
        <translation>%1 为负数；请输入 0 kWh 或以上。</translation>
    </message>
    <message>
        <source>%1 kWh is more than this program can count; enter at most 1000000000000.</source>
        <translation>%1 kWh 超出了本程序的计数范围；最多输入 1000000000000。</translation>
    </message>
    <message>
        <source>%1 has more than 3 decimals; kWh are kept to the Wh.</source>
        <translation>%1 的小数超过 3 位；kWh 精确到 Wh。</translation>
    </message>
    <message>
        <source>a time written HH:MM from 00:30 to 24:00</source>
        <translation>格式为 HH:MM 的时间，范围为 00:30 至 24:00</translation>
    </message>
    <message>
        <source>a time written HH:MM from 00:00 to 23:30</source>
        <translation>格式为 HH:MM 的时间，范围为 00:00 至 23:30</translation>
    </message>
    <message>
        <source>%1 is not on a half-hour boundary; use %2 or %3.</source>
        <translation>%1 不在半小时边界上；请使用 %2 或 %3。</translation>
    </message>
    <message>
        <source>a day of the year written MM-DD</source>
        <translation>格式为 MM-DD 的年内日期</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>from %1 with no end</source>
        <translation>自 %1 起，无结束日期</translation>
    </message>
    <message>
        <source>a list of day types: weekday, weekend, holiday</source>
        <translation>日类型列表：weekday、weekend、holiday</translation>
    </message>
    <message>
        <source>weekday, weekend or holiday</source>
        <translation>weekday、weekend 或 holiday</translation>
    </message>
    <message>
        <source>a list of time bands</source>
        <translation>时段列表</translation>
    </message>
    <message>
        <source>the band&apos;s name, such as &quot;peak&quot;</source>
        <translation>时段名称，例如 &quot;peak&quot;</translation>
    </message>
    <message>
        <source>%1 is also in bands[%2] (&quot;%3&quot;); every half hour of the day needs exactly one band.</source>
        <translation>%1 也在 bands[%2]（&quot;%3&quot;）中；一天中的每个半小时必须恰好属于一个时段。</translation>
    </message>
    <message>
        <source>%1 is in no band; every half hour of the day needs exactly one band.</source>
        <translation>%1 不属于任何时段；一天中的每个半小时必须恰好属于一个时段。</translation>
    </message>
    <message>
        <source>the season&apos;s name, such as &quot;winter&quot;</source>
        <translation>季节名称，例如 &quot;winter&quot;</translation>
    </message>
    <message>
        <source>a list of day schedules</source>
        <translation>日时间表列表</translation>
    </message>
    <message>
        <source>&quot;%1&quot; already has a schedule in days[%2]; each day type has one schedule per season.</source>
        <translation>&quot;%1&quot; 已在 days[%2] 中有时间表；每个季节中每种日类型只能有一个时间表。</translation>
    </message>
    <message>
        <source>no schedule for %1; give weekday, weekend and holiday one schedule each.</source>
        <translation>%1 没有时间表；请为 weekday、weekend 和 holiday 各提供一个时间表。</translation>
    </message>
    <message>
        <source>a list of seasons</source>
        <translation>季节列表</translation>
    </message>
    <message>
        <source>%1 to %2 is also in seasons[%3] (&quot;%4&quot;); the seasons must cover every day of the year exactly once.</source>
        <translation>%1 至 %2 也在 seasons[%3]（&quot;%4&quot;）中；各季节必须恰好覆盖一年中的每一天各一次。</translation>
    </message>
    <message>
        <source>%1 to %2 is in no season; the seasons must cover every day of the year exactly once.</source>
        <translation>%1 至 %2 不属于任何季节；各季节必须恰好覆盖一年中的每一天各一次。</translation>
    </message>
    <message>
        <source>monthly or annual</source>
        <translation>monthly（按月）或 annual（按年）</translation>
    </message>
    <message>
        <source>a list of blocks</source>
        <translation>阶梯列表</translation>
    </message>
    <message>
        <source>the last block has no upper bound; it takes every kWh above the block before.</source>
        <translation>最后一个阶梯没有上限；它包含上一阶梯以上的全部 kWh。</translation>
    </message>
    <message>
        <source>missing; every block but the last needs the kWh it goes up to.</source>
        <translation>缺失；除最后一个阶梯外，每个阶梯都需要给出其上限 kWh。</translation>
    </message>
    <message>
        <source>%1 is not above the block before (%2 kWh); blocks go up in order.</source>
        <translation>%1 不大于上一阶梯（%2 kWh）；阶梯必须按升序排列。</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>%1 之一</translation>
    </message>
    <message>
        <source>%1 is not a component; use one of %2.</source>
        <translation>%1 不是计价项；请使用 %2 之一。</translation>
    </message>
    <message>
        <source>a list of the time_of_use band names that are off-peak</source>
        <translation>time_of_use 中属于低谷的时段名称列表</translation>
    </message>
    <message>
        <source>a band name</source>
        <translation>时段名称</translation>
    </message>
    <message>
        <source>a second %1 (the first is components[%2]); a version has at most one component of each type.</source>
        <translation>第二个 %1（第一个是 components[%2]）；一个版本中每种类型的计价项最多只能有一个。</translation>
    </message>
    <message>
        <source>%1 and components[%2] (%3) would both price every kWh; a version has one of flat_rate, tiered_blocks and time_of_use.</source>
        <translation>%1 与 components[%2]（%3）都会对每个 kWh 计价；一个版本只能包含 flat_rate、tiered_blocks 和 time_of_use 中的一个。</translation>
    </message>
    <message>
        <source>prepaid_allowance is for prepaid tariffs; set &quot;kind&quot;: &quot;prepaid&quot; or remove this component.</source>
        <translation>prepaid_allowance 仅用于预付费电价方案；请设置 &quot;kind&quot;: &quot;prepaid&quot; 或删除此计价项。</translation>
    </message>
    <message>
        <source>a package needs a time_of_use component in the same version to tell off-peak from peak.</source>
        <translation>套餐需要同一版本中有 time_of_use 计价项，以区分低谷与高峰。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is no band of this version&apos;s time_of_use; use one of %2.</source>
        <translation>&quot;%1&quot; 不是此版本 time_of_use 中的时段；请使用 %2 之一。</translation>
    </message>
    <message>
        <source>%1 is before effectiveFrom %2; a version ends on or after the day it starts.</source>
        <translation>%1 早于 effectiveFrom %2；版本的结束日期不得早于其开始日期。</translation>
    </message>
    <message>
        <source>a list of dates written YYYY-MM-DD</source>
        <translation>格式为 YYYY-MM-DD 的日期列表</translation>
    </message>
    <message>
        <source>%1 is listed twice.</source>
        <translation>%1 被重复列出。</translation>
    </message>
    <message>
        <source>a list of price components</source>
        <translation>计价项列表</translation>
    </message>
    <message>
        <source>line %1: not valid JSON (%2).</source>
        <translation>第 %1 行：不是有效的 JSON（%2）。</translation>
    </message>
    <message>
        <source>the file must hold one tariff as a JSON object { ... }.</source>
        <translation>文件必须以 JSON 对象 { ... } 的形式包含一个电价方案。</translation>
    </message>
    <message>
        <source>a code of up to 40 letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos;</source>
        <translation>最多 40 个字符的代码，可包含字母、数字、&apos;-&apos;、&apos;_&apos; 或 &apos;.&apos;</translation>
    </message>
    <message>
        <source>the tariff&apos;s name as customers see it</source>
        <translation>客户看到的电价方案名称</translation>
    </message>
    <message>
        <source>a market code such as &quot;GB&quot;</source>
        <translation>市场代码，例如 &quot;GB&quot;</translation>
    </message>
    <message>
        <source>an ISO 4217 currency code such as &quot;GBP&quot;</source>
        <translation>ISO 4217 货币代码，例如 &quot;GBP&quot;</translation>
    </message>
    <message>
        <source>a list of customer classes: %1</source>
        <translation>客户类别列表：%1</translation>
    </message>
    <message>
        <source>postpaid or prepaid</source>
        <translation>postpaid（后付费）或 prepaid（预付费）</translation>
    </message>
    <message>
        <source>a list of versions</source>
        <translation>版本列表</translation>
    </message>
    <message>
        <source>%1 overlaps versions[%2] (%3); versions must not share a day.</source>
        <translation>%1 与 versions[%2]（%3）重叠；各版本的日期不得重叠。</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::TariffService</name>
    <message>
        <source>from %1 with no end</source>
        <translation>自 %1 起，无结束日期</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Cannot read the tariff file %1: %2.</source>
        <translation>无法读取电价方案文件 %1：%2。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>market: &quot;%1&quot; is not a market here; use one of %2.</source>
        <translation>market：&quot;%1&quot; 不是此处可用的市场；请使用 %2 之一。</translation>
    </message>
    <message>
        <source>currency: &quot;%1&quot; is not the currency of the market %2; its amounts are in %3.</source>
        <translation>currency：&quot;%1&quot; 不是市场 %2 的货币；该市场的金额以 %3 计。</translation>
    </message>
    <message>
        <source>kind: the tariff %1 is stored as %2; a file cannot make it %3.</source>
        <translation>kind：电价方案 %1 已存储为 %2；文件无法将其改为 %3。</translation>
    </message>
    <message>
        <source>versions[%1]: %2 overlaps the stored version of %3 %4; give dates that do not share a day with it.</source>
        <translation>versions[%1]：%2 与 %3 已存储的版本 %4 重叠；请给出与其不重叠的日期。</translation>
    </message>
    <message>
        <source>There is no tariff %1 in the market %2.</source>
        <translation>市场 %2 中没有电价方案 %1。</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::TariffTrialService</name>
    <message>
        <source>From: enter the first day of the test period.</source>
        <translation>开始日期：请输入测试期间的第一天。</translation>
    </message>
    <message>
        <source>To: enter the last day of the test period.</source>
        <translation>结束日期：请输入测试期间的最后一天。</translation>
    </message>
    <message>
        <source>To: %1 is before the first day %2; enter a later day.</source>
        <translation>结束日期：%1 早于第一天 %2；请输入更晚的日期。</translation>
    </message>
    <message>
        <source>Account %1 is in market %2; this tariff is for %3. Choose an account of market %3.</source>
        <translation>账户 %1 属于市场 %2；此电价方案适用于 %3。请选择市场 %3 中的账户。</translation>
    </message>
    <message>
        <source>Account %1 belongs to a %2 customer; this tariff is not for that class. Add the class or choose another account.</source>
        <translation>账户 %1 属于 %2 客户；此电价方案不适用于该类别。请添加该类别或选择其他账户。</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::TariffsPage</name>
    <message>
        <source>Prepaid</source>
        <translation>预付费</translation>
    </message>
    <message>
        <source>Postpaid</source>
        <translation>后付费</translation>
    </message>
    <message>
        <source>from %1, no end</source>
        <translation>自 %1 起，无结束日期</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Open Tariff File</source>
        <translation>打开电价方案文件</translation>
    </message>
    <message>
        <source>Tariff files (*.json)</source>
        <translation>电价方案文件 (*.json)</translation>
    </message>
    <message>
        <source>Save Draft as File</source>
        <translation>将草稿另存为文件</translation>
    </message>
    <message>
        <source>tariff</source>
        <translation>电价方案</translation>
    </message>
    <message>
        <source>Loading tariffs…</source>
        <translation>正在加载电价方案…</translation>
    </message>
    <message>
        <source>none in force</source>
        <translation>无生效版本</translation>
    </message>
    <message>
        <source>No tariffs yet. Choose New tariff, or Open file… to start from a tariff file.</source>
        <translation>尚无电价方案。请选择“新建电价方案”，或选择“打开文件…”从电价方案文件开始。</translation>
    </message>
    <message>
        <source>Choose a tariff to see its versions.</source>
        <translation>选择一个电价方案以查看其版本。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2, %3): stored versions</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（%2，%3）：已保存的版本</translation>
    </message>
    <message>
        <source>&lt;b&gt;New tariff&lt;/b&gt;</source>
        <translation>&lt;b&gt;新建电价方案&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Nothing is stored until you publish.</source>
        <translation>发布前不会保存任何内容。</translation>
    </message>
    <message>
        <source>New version of %1 from %2: change its prices, test them, then publish. The version in force now ends the day before.</source>
        <translation>%1 自 %2 起的新版本：修改价格并测试，然后发布。当前生效的版本将于前一天结束。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Draft&lt;/b&gt; (not stored until published)</source>
        <translation>&lt;b&gt;草稿&lt;/b&gt;（发布前不会保存）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Latest version&lt;/b&gt; (read-only)</source>
        <translation>&lt;b&gt;最新版本&lt;/b&gt;（只读）</translation>
    </message>
    <message>
        <source>tariff editor</source>
        <translation>电价方案编辑器</translation>
    </message>
    <message>
        <source>%1 already has exactly this version; nothing was changed.</source>
        <translation>%1 已有完全相同的版本；未做任何更改。</translation>
    </message>
    <message>
        <source>Published %1 (%2).</source>
        <translation>已发布 %1（%2）。</translation>
    </message>
    <message>
        <source>Published %1 (%2); the version %3 now ends the day before the new one.</source>
        <translation>已发布 %1（%2）；版本 %3 现于新版本的前一天结束。</translation>
    </message>
    <message>
        <source>Test against account: enter an account number whose data the draft is billed for.</source>
        <translation>用账户测试：请输入账户号码，将用该账户的数据按草稿计费。</translation>
    </message>
    <message>
        <source>Calculating…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>%1 (estimated: %2)</source>
        <translation>%1（估算：%2）</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; for account %2 (%3), %4 used: net %5, VAT %6, &lt;b&gt;total %7&lt;/b&gt;.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;，账户 %2（%3），用量 %4：净额 %5，增值税 %6，&lt;b&gt;合计 %7&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>the same</source>
        <translation>费用相同</translation>
    </message>
    <message>
        <source>%1 less</source>
        <translation>便宜 %1</translation>
    </message>
    <message>
        <source>%1 more</source>
        <translation>贵 %1</translation>
    </message>
    <message>
        <source>On the current tariff %1 the same period costs %2: this draft is %3.</source>
        <translation>按当前电价方案 %1，同一期间的费用为 %2：此草稿%3。</translation>
    </message>
    <message>
        <source>The account has no tariff covering the whole period to compare with.</source>
        <translation>该账户没有覆盖整个期间的电价方案可供比较。</translation>
    </message>
    <message>
        <source>%1 of %2 intervals have no reading and are billed as nothing.</source>
        <translation>%2 个间隔中有 %1 个没有读数，按零计费。</translation>
    </message>
    <message>
        <source>%1 of the use comes from estimated readings.</source>
        <translation>%1 的用量来自估算读数。</translation>
    </message>
    <message>
        <source>%1: cannot be read (%2).</source>
        <translation>%1：无法读取（%2）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; from %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;，来自 %2</translation>
    </message>
    <message numerus="yes">
        <source>The file has %n version(s); the draft shows the last one.</source>
        <translation>
            <numerusform>该文件包含 %n 个版本；草稿显示最后一个版本。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: cannot be written (%2).</source>
        <translation>%1：无法写入（%2）。</translation>
    </message>
    <message>
        <source>Saved the draft as %1.</source>
        <translation>已将草稿保存为 %1。</translation>
    </message>
    <message>
        <source>Filter tariffs</source>
        <translation>筛选电价方案</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>In force since</source>
        <translation>生效起始日</translation>
    </message>
    <message>
        <source>&amp;New tariff</source>
        <translation>新建电价方案(&amp;N)</translation>
    </message>
    <message>
        <source>New &amp;version</source>
        <translation>新建版本(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Open file…</source>
        <translation>打开文件(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save as file…</source>
        <translation>另存为文件(&amp;S)…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Test against real data&lt;/b&gt;</source>
        <translation>&lt;b&gt;用真实数据测试&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>账户(&amp;A)：</translation>
    </message>
    <message>
        <source>Account number; the period follows its last full month of readings</source>
        <translation>账户号码；期间默认为其最近一个有完整读数的月份</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>期间(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>测试(&amp;T)</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>发布(&amp;P)</translation>
    </message>
    <message>
        <source>Store the draft as a new version (%1)</source>
        <translation>将草稿保存为新版本（%1）</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Tariffs</source>
        <translation>电价方案</translation>
    </message>
</context>
<context>
    <name>Ud::Core::AuditLog</name>
    <message>
        <source>Entry %1 (%2 UTC) does not follow the start of the log: an entry was removed or inserted.</source>
        <translation>记录 %1（%2 UTC）未能衔接日志开头：有记录被删除或插入。</translation>
    </message>
    <message>
        <source>Entry %1 (%2 UTC) does not follow entry %3: an entry was removed or inserted.</source>
        <translation>记录 %1（%2 UTC）未能衔接记录 %3：有记录被删除或插入。</translation>
    </message>
    <message>
        <source>Entry %1 (%2 UTC) was altered: its content no longer matches its hash.</source>
        <translation>记录 %1（%2 UTC）已被篡改：其内容与哈希值不再匹配。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::Database</name>
    <message>
        <source>The database path %1 is not a file.</source>
        <translation>数据库路径 %1 不是文件。</translation>
    </message>
    <message>
        <source>The database file %1 is read-only. UtilityDesk needs to write to it: make it writable or choose another file.</source>
        <translation>数据库文件 %1 为只读。UtilityDesk 需要写入该文件：请使其可写，或选择其他文件。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the database file.</source>
        <translation>无法为数据库文件创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot open the database file %1: %2.</source>
        <translation>无法打开数据库文件 %1：%2。</translation>
    </message>
    <message>
        <source>Cannot connect to the PostgreSQL database %1. Check that the server is running and the URL, user and password are right.</source>
        <translation>无法连接到 PostgreSQL 数据库 %1。请检查服务器是否正在运行，以及 URL、用户名和密码是否正确。</translation>
    </message>
    <message>
        <source>The file %1 cannot be used as a database: %2.</source>
        <translation>文件 %1 无法用作数据库：%2。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::DatabaseUrl</name>
    <message>
        <source>The database URL &quot;%1&quot; is not valid: %2</source>
        <translation>数据库 URL“%1”无效：%2</translation>
    </message>
    <message>
        <source>it is empty. Use sqlite:///path/file.db or postgresql://user@host:port/database.</source>
        <translation>URL 为空。请使用 sqlite:///path/file.db 或 postgresql://user@host:port/database。</translation>
    </message>
    <message>
        <source>it cannot be read as a URL (%1).</source>
        <translation>无法解析为 URL（%1）。</translation>
    </message>
    <message>
        <source>a SQLite URL has no host; write three slashes, as in sqlite:///home/me/utilitydesk.db.</source>
        <translation>SQLite URL 不含主机；请写三个斜杠，例如 sqlite:///home/me/utilitydesk.db。</translation>
    </message>
    <message>
        <source>it names no database file.</source>
        <translation>未指定数据库文件。</translation>
    </message>
    <message>
        <source>the file path must be absolute.</source>
        <translation>文件路径必须是绝对路径。</translation>
    </message>
    <message>
        <source>it names no server host.</source>
        <translation>未指定服务器主机。</translation>
    </message>
    <message>
        <source>the port must be between 1 and 65535.</source>
        <translation>端口必须在 1 到 65535 之间。</translation>
    </message>
    <message>
        <source>it must name one database after the port, as in postgresql://user@host:5432/utilitydesk.</source>
        <translation>必须在端口之后指定一个数据库，例如 postgresql://user@host:5432/utilitydesk。</translation>
    </message>
    <message>
        <source>sslmode must be one of %1.</source>
        <translation>sslmode 必须是 %1 之一。</translation>
    </message>
    <message>
        <source>the value of %1 may not contain spaces or semicolons.</source>
        <translation>%1 的值不能包含空格或分号。</translation>
    </message>
    <message>
        <source>the option &quot;%1&quot; is not supported.</source>
        <translation>不支持选项“%1”。</translation>
    </message>
    <message>
        <source>the scheme must be sqlite or postgresql.</source>
        <translation>协议必须是 sqlite 或 postgresql。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::FieldCipher</name>
    <message>
        <source>This value cannot be decrypted: it was altered, moved to another record, or encrypted with another key.</source>
        <translation>无法解密此值：它已被篡改、被移到其他记录，或使用了其他密钥加密。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::KeyStore</name>
    <message>
        <source>Cannot create the folder %1 for the key file.</source>
        <translation>无法为密钥文件创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot create the key file %1: %2.</source>
        <translation>无法创建密钥文件 %1：%2。</translation>
    </message>
    <message>
        <source>Cannot read the key file %1: %2.</source>
        <translation>无法读取密钥文件 %1：%2。</translation>
    </message>
    <message>
        <source>The key file %1 is not a regular file.</source>
        <translation>密钥文件 %1 不是普通文件。</translation>
    </message>
    <message>
        <source>The key file %1 can be read or changed by other users. Make it private to its owner (chmod 600 %1) and try again.</source>
        <translation>其他用户可以读取或修改密钥文件 %1。请将其设为仅所有者可访问（chmod 600 %1），然后重试。</translation>
    </message>
    <message>
        <source>The environment variable %1 does not hold a usable key: it must be the base64 text of exactly 32 bytes.</source>
        <translation>环境变量 %1 中没有可用的密钥：它必须是恰好 32 字节数据的 base64 文本。</translation>
    </message>
    <message>
        <source>The key file %1 does not hold a usable key: it must contain the base64 text of exactly 32 bytes.</source>
        <translation>密钥文件 %1 中没有可用的密钥：它必须包含恰好 32 字节数据的 base64 文本。</translation>
    </message>
    <message>
        <source>The master key must be exactly 32 bytes long.</source>
        <translation>主密钥长度必须恰好为 32 字节。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::Migrator</name>
    <message>
        <source>The database %1 was written by a newer version of UtilityDesk (schema %2; this program knows schema %3). Install the newer UtilityDesk to open it.</source>
        <translation>数据库 %1 由更新版本的 UtilityDesk 写入（结构版本 %2；本程序支持的结构版本为 %3）。请安装更新版本的 UtilityDesk 以打开它。</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed on %3; nothing of it was applied. %4</source>
        <translation>迁移 %1（%2）在 %3 上失败；其中的任何内容均未应用。%4</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed on %3; nothing of it was applied. It would leave rows that refer to missing rows.</source>
        <translation>迁移 %1（%2）在 %3 上失败；其中的任何内容均未应用。该迁移会留下引用不存在的行的数据行。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::Money</name>
    <message>
        <source>Amounts in %1 and %2 cannot be added or subtracted.</source>
        <translation>%1 和 %2 的金额不能相加或相减。</translation>
    </message>
    <message>
        <source>%1: enter an amount such as %2, not &quot;%3&quot;.</source>
        <translation>%1：请输入类似 %2 的金额，而不是“%3”。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::Permissions</name>
    <message>
        <source>Agent</source>
        <translation>客服坐席</translation>
    </message>
    <message>
        <source>Business user</source>
        <translation>业务用户</translation>
    </message>
    <message>
        <source>Field officer</source>
        <translation>现场人员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>view customers</source>
        <translation>查看客户</translation>
    </message>
    <message>
        <source>edit customers</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <source>view sensitive customer data</source>
        <translation>查看客户敏感数据</translation>
    </message>
    <message>
        <source>log customer contacts</source>
        <translation>记录客户联系</translation>
    </message>
    <message>
        <source>manage the program catalog</source>
        <translation>管理项目目录</translation>
    </message>
    <message>
        <source>manage customer segments</source>
        <translation>管理客户分群</translation>
    </message>
    <message>
        <source>import meter data</source>
        <translation>导入计量数据</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>管理用户</translation>
    </message>
    <message>
        <source>view the audit log</source>
        <translation>查看审计日志</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>更改设置</translation>
    </message>
    <message>
        <source>generate demo data</source>
        <translation>生成演示数据</translation>
    </message>
    <message>
        <source>upgrade the database schema</source>
        <translation>升级数据库结构</translation>
    </message>
    <message>
        <source>take payments and top-ups</source>
        <translation>收取付款和充值</translation>
    </message>
    <message>
        <source>run billing</source>
        <translation>运行计费</translation>
    </message>
</context>
<context>
    <name>Ud::Core::PgCopy</name>
    <message>
        <source>The PostgreSQL driver does not give access to its connection, so bulk data cannot be written.</source>
        <translation>PostgreSQL 驱动程序不提供对其连接的访问，因此无法写入批量数据。</translation>
    </message>
    <message>
        <source>%1 could not be written: %2.</source>
        <translation>无法写入 %1：%2。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::QueryCancel</name>
    <message>
        <source>The request was cancelled before it finished.</source>
        <translation>请求在完成前已被取消。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::SqlQuery</name>
    <message>
        <source>The database is read-only, so the change was not saved.</source>
        <translation>数据库为只读，因此未保存更改。</translation>
    </message>
    <message>
        <source>A record with the same key already exists (%1).</source>
        <translation>已存在具有相同键的记录（%1）。</translation>
    </message>
    <message>
        <source>The database could not carry out the request (%1).</source>
        <translation>数据库无法执行该请求（%1）。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::UserContext</name>
    <message>
        <source>%1 (%2) may not %3.</source>
        <translation>%1（%2）无权%3。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::UserService</name>
    <message>
        <source>The user name or password is not right for &quot;%1&quot;.</source>
        <translation>“%1”的用户名或密码不正确。</translation>
    </message>
    <message>
        <source>The user &quot;%1&quot; is locked after too many failed sign-ins until %2. Try again then, or ask an administrator to reset the password.</source>
        <translation>用户“%1”因登录失败次数过多已被锁定，直到 %2。请届时再试，或请管理员重置密码。</translation>
    </message>
    <message>
        <source>The user &quot;%1&quot; is disabled. Ask an administrator to enable it.</source>
        <translation>用户“%1”已停用。请管理员启用该用户。</translation>
    </message>
    <message>
        <source>The user name &quot;%1&quot; cannot be used: use 2 to 64 characters, each a Latin letter, a digit, a dot, a dash or an underscore.</source>
        <translation>用户名“%1”不可用：请使用 2 到 64 个字符，每个字符须为拉丁字母、数字、点、连字符或下划线。</translation>
    </message>
    <message numerus="yes">
        <source>The password is too short: use at least %n characters.</source>
        <translation>
            <numerusform>密码太短：请至少使用 %n 个字符。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The display name is too long: use at most %n characters.</source>
        <translation>
            <numerusform>显示名称太长：最多使用 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>The user &quot;%1&quot; has an unknown role &quot;%2&quot; in the database.</source>
        <translation>数据库中用户“%1”的角色“%2”未知。</translation>
    </message>
    <message>
        <source>The user name &quot;%1&quot; is already taken.</source>
        <translation>用户名“%1”已被占用。</translation>
    </message>
    <message>
        <source>UtilityDesk already has users: sign in as an administrator to add more.</source>
        <translation>UtilityDesk 已有用户：请以管理员身份登录以添加更多用户。</translation>
    </message>
    <message>
        <source>There is no user named &quot;%1&quot;.</source>
        <translation>没有名为“%1”的用户。</translation>
    </message>
    <message>
        <source>You cannot disable your own user &quot;%1&quot;: ask another administrator.</source>
        <translation>您不能停用自己的用户“%1”：请联系其他管理员。</translation>
    </message>
    <message numerus="yes">
        <source>The region is too long: use at most %n characters, as the premises&apos; region is written.</source>
        <translation>
            <numerusform>区域太长：最多使用 %n 个字符，并按地址中区域的写法填写。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Demo::Generator</name>
    <message>
        <source>The database already holds demo customers up to %1; at most %2 more can be added.</source>
        <translation>数据库中已有编号至 %1 的演示客户；最多还能再添加 %2 个。</translation>
    </message>
    <message>
        <source>The SQLite driver does not give access to its connection, so demo data cannot be written.</source>
        <translation>SQLite 驱动程序不提供对其连接的访问，因此无法写入演示数据。</translation>
    </message>
    <message>
        <source>The database has no usable table %1 for demo data (%2); run &quot;utilitydesk migrate&quot; first.</source>
        <translation>数据库中没有可用于演示数据的表 %1（%2）；请先运行“utilitydesk migrate”。</translation>
    </message>
    <message>
        <source>Demo data could not be written to the table %1: %2.</source>
        <translation>无法将演示数据写入表 %1：%2。</translation>
    </message>
    <message>
        <source>The number of demo customers (--customers) must be between 1 and %1; %2 was given.</source>
        <translation>演示客户数量（--customers）必须在 1 到 %1 之间；给定的值为 %2。</translation>
    </message>
    <message>
        <source>The number of meters (--meters) must be between 0 and three per customer (%1); %2 was given.</source>
        <translation>计量表数量（--meters）必须在 0 到每个客户三个（%1）之间；给定的值为 %2。</translation>
    </message>
    <message>
        <source>The history span (--days) must be between 1 and %1 days; %2 was given.</source>
        <translation>历史时长（--days）必须在 1 到 %1 天之间；给定的值为 %2。</translation>
    </message>
    <message>
        <source>The batch size must be between 1 and 1000000 customers; %1 was given.</source>
        <translation>批量大小必须在 1 到 1000000 个客户之间；给定的值为 %1。</translation>
    </message>
    <message>
        <source>The customer number %1 lies in the demo number range but is not a demo number, so demo customers cannot be numbered after it.</source>
        <translation>客户编号 %1 位于演示编号范围内，但不是演示编号，因此无法在其后为演示客户编号。</translation>
    </message>
    <message>
        <source>Customer %1 has solar panels at the premise, but the electricity meter there has no export channel.</source>
        <translation>客户 %1 的场所装有太阳能电池板，但该处的电计量表没有反向通道。</translation>
    </message>
    <message>
        <source>The account of customer %1 is closed, but its meter is still installed (no removal date).</source>
        <translation>客户 %1 的账户已关闭，但其计量表仍处于安装状态（无拆除日期）。</translation>
    </message>
    <message>
        <source>Customer %1 has the same phone number as customer %2.</source>
        <translation>客户 %1 与客户 %2 的电话号码相同。</translation>
    </message>
    <message>
        <source>Customer %1 depends on life-support equipment but pays by prepayment, so the supply could run out.</source>
        <translation>客户 %1 依赖生命支持设备，但采用预付费，供应可能会中断。</translation>
    </message>
    <message>
        <source>The premise of customer %1 has its latitude and longitude swapped.</source>
        <translation>客户 %1 的场所纬度和经度颠倒了。</translation>
    </message>
    <message>
        <source>The interval of electricity meters (--interval) must be 5, 15, 30 or 60 minutes; %1 was given.</source>
        <translation>电计量表的间隔（--interval）必须为 5、15、30 或 60 分钟；给出的是 %1。</translation>
    </message>
    <message>
        <source>The electricity meter of customer %1 sent no readings on %2: the day is missing from its interval data.</source>
        <translation>客户 %1 的电计量表在 %2 没有发送读数：其间隔数据缺少这一天。</translation>
    </message>
    <message>
        <source>The electricity meter of customer %1 recorded zero consumption in every interval from %2 to %3, although the home is occupied.</source>
        <translation>客户 %1 的电计量表在 %2 至 %3 的每个间隔都记录为零用量，尽管该住宅有人居住。</translation>
    </message>
    <message>
        <source>The electricity meter of customer %1 recorded %2 Wh in the interval starting at 03:00 local time on %3, far more than the supply can carry.</source>
        <translation>客户 %1 的电计量表在 %3 当地时间 03:00 开始的间隔记录了 %2 Wh，远超供电所能承载的量。</translation>
    </message>
    <message>
        <source>The time zone %1 is missing from this system&apos;s time-zone data, so demo readings cannot be placed in local days.</source>
        <translation>本系统的时区数据中缺少时区 %1，因此无法把演示读数放入当地日期。</translation>
    </message>
    <message>
        <source>Demo data for the table %1</source>
        <translation>表 %1 的演示数据</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ChannelPreparer</name>
    <message>
        <source>the file does not say how long the intervals of meter %1 are.</source>
        <translation>文件未说明计量表 %1 的间隔长度。</translation>
    </message>
    <message>
        <source>the file has %1-minute readings for meter %2, which records %3-minute intervals.</source>
        <translation>文件中计量表 %2 的读数为 %1 分钟间隔，但该计量表记录的是 %3 分钟间隔。</translation>
    </message>
    <message>
        <source>the file gives meter %1 readings in %2, but its %3 channel records %4.</source>
        <translation>文件中计量表 %1 的读数单位为 %2，但其%3通道的计量单位为 %4。</translation>
    </message>
    <message>
        <source>meter %1 has intervals of %2 seconds; UtilityDesk stores 5, 15, 30 and 60-minute intervals and daily readings.</source>
        <translation>计量表 %1 的间隔为 %2 秒；UtilityDesk 存储 5、15、30 和 60 分钟的间隔以及每日读数。</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ConnectMyDataSource</name>
    <message>
        <source>The Connect My Data address %1 must start with https://; plain http would send the access token unprotected.</source>
        <translation>Connect My Data 地址 %1 必须以 https:// 开头；使用普通 http 会在无保护的情况下发送访问令牌。</translation>
    </message>
    <message>
        <source>The resource %1 must use https://; plain http would send the access token unprotected.</source>
        <translation>资源 %1 必须使用 https://；使用普通 http 会在无保护的情况下发送访问令牌。</translation>
    </message>
    <message>
        <source>The Connect My Data address is empty.</source>
        <translation>Connect My Data 地址为空。</translation>
    </message>
    <message>
        <source>The Connect My Data address %1 is not a valid URL.</source>
        <translation>Connect My Data 地址 %1 不是有效的 URL。</translation>
    </message>
    <message>
        <source>No Connect My Data resource is configured for %1.</source>
        <translation>没有为 %1 配置 Connect My Data 资源。</translation>
    </message>
    <message>
        <source>The resource %1 is not a valid path or URL.</source>
        <translation>资源 %1 不是有效的路径或 URL。</translation>
    </message>
    <message>
        <source>The resource %1 is listed twice.</source>
        <translation>资源 %1 重复列出。</translation>
    </message>
    <message>
        <source>No access token is set for %1.</source>
        <translation>没有为 %1 设置访问令牌。</translation>
    </message>
    <message>
        <source>No inbox folder is set for downloaded meter data.</source>
        <translation>没有为下载的计量数据设置收件文件夹。</translation>
    </message>
    <message>
        <source>The download size limit must be more than zero.</source>
        <translation>下载大小上限必须大于零。</translation>
    </message>
    <message>
        <source>The network timeout must be more than zero seconds.</source>
        <translation>网络超时必须大于零秒。</translation>
    </message>
    <message>
        <source>The poll interval must be more than zero seconds.</source>
        <translation>轮询间隔必须大于零秒。</translation>
    </message>
    <message>
        <source>The first retry delay must be more than zero seconds and not above the longest retry delay.</source>
        <translation>首次重试延迟必须大于零秒，且不能超过最长重试延迟。</translation>
    </message>
    <message>
        <source>The retry jitter must be at least 0 and below 1.</source>
        <translation>重试抖动必须大于或等于 0 且小于 1。</translation>
    </message>
    <message>
        <source>This computer has no TLS support (the OpenSSL 3 library was not found).</source>
        <translation>此计算机不支持 TLS（未找到 OpenSSL 3 库）。</translation>
    </message>
    <message>
        <source>Cannot read the CA bundle %1: %2.</source>
        <translation>无法读取 CA 证书包 %1：%2。</translation>
    </message>
    <message>
        <source>The CA bundle %1 contains no PEM certificate.</source>
        <translation>CA 证书包 %1 中不含 PEM 证书。</translation>
    </message>
    <message>
        <source>No certificate authority is trusted for %1: set a CA bundle or allow the system certificates.</source>
        <translation>%1 没有受信任的证书颁发机构：请设置 CA 证书包，或允许使用系统证书。</translation>
    </message>
    <message>
        <source>A client certificate needs both the certificate file and its private key file.</source>
        <translation>客户端证书需要同时提供证书文件及其私钥文件。</translation>
    </message>
    <message>
        <source>Cannot read the client certificate %1: %2.</source>
        <translation>无法读取客户端证书 %1：%2。</translation>
    </message>
    <message>
        <source>The client certificate file %1 contains no PEM certificate.</source>
        <translation>客户端证书文件 %1 中不含 PEM 证书。</translation>
    </message>
    <message>
        <source>Cannot read the private key %1: %2.</source>
        <translation>无法读取私钥 %1：%2。</translation>
    </message>
    <message>
        <source>The private key %1 is not a PEM RSA or EC key, or its passphrase is wrong.</source>
        <translation>私钥 %1 不是 PEM 格式的 RSA 或 EC 密钥，或其密码短语不正确。</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not signed by a trusted authority</source>
        <translation>服务器证书未经受信任的机构签名</translation>
    </message>
    <message>
        <source>the server&apos;s certificate belongs to %1, not to this address</source>
        <translation>服务器证书属于 %1，而不是此地址</translation>
    </message>
    <message>
        <source>the server&apos;s certificate expired on %1</source>
        <translation>服务器证书已于 %1 过期</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not valid before %1</source>
        <translation>服务器证书在 %1 之前无效</translation>
    </message>
    <message>
        <source>the server&apos;s certificate has been revoked</source>
        <translation>服务器证书已被吊销</translation>
    </message>
    <message>
        <source>the server sent no certificate</source>
        <translation>服务器未发送证书</translation>
    </message>
    <message>
        <source>The answer from %1 for %2 is larger than the limit of %3; nothing was saved.</source>
        <translation>%1 针对 %2 返回的响应超过了 %3 的上限；未保存任何内容。</translation>
    </message>
    <message>
        <source>Cannot create the inbox folder %1.</source>
        <translation>无法创建收件文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>无法写入 %1：%2。</translation>
    </message>
    <message>
        <source>The access token was refused by %1 (%2); the customer may need to authorise the connection again.</source>
        <translation>%1 拒绝了访问令牌（%2）；客户可能需要重新授权该连接。</translation>
    </message>
    <message>
        <source>The server %1 asked for fewer requests (%2).</source>
        <translation>服务器 %1 要求降低请求频率（%2）。</translation>
    </message>
    <message>
        <source>The server %1 could not answer (%2).</source>
        <translation>服务器 %1 无法响应（%2）。</translation>
    </message>
    <message>
        <source>The server %1 redirected the request for %2 elsewhere (%3); the access token is only sent to %1.</source>
        <translation>服务器 %1 将对 %2 的请求重定向到了别处（%3）；访问令牌只会发送给 %1。</translation>
    </message>
    <message>
        <source>The server %1 refused the request for %2 (%3).</source>
        <translation>服务器 %1 拒绝了对 %2 的请求（%3）。</translation>
    </message>
    <message numerus="yes">
        <source>The server %1 sent nothing for %n second(s); the download of %2 was abandoned.</source>
        <translation>
            <numerusform>服务器 %1 已有 %n 秒未发送任何数据；已放弃下载 %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>The download of %1 from %2 broke off: %3.</source>
        <translation>从 %2 下载 %1 时中断：%3。</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2.</source>
        <translation>无法连接到 %1：%2。</translation>
    </message>
    <message>
        <source>Cannot rename %1 to %2.</source>
        <translation>无法将 %1 重命名为 %2。</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2.</source>
        <translation>与 %1 的安全连接失败：%2。</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::CsvLineReader</name>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>The line is longer than %1 MiB; this is not a meter-data CSV file.</source>
        <translation>该行超过 %1 MiB；这不是计量数据 CSV 文件。</translation>
    </message>
    <message>
        <source>The file cannot be read: %1.</source>
        <translation>无法读取文件：%1。</translation>
    </message>
    <message>
        <source>A quoted field is not closed, or text follows its closing quote; a field that contains a comma must be written as &quot;text, more text&quot;.</source>
        <translation>带引号的字段未闭合，或其结束引号后还有文本；包含逗号的字段必须写成 &quot;text, more text&quot; 的形式。</translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation>第 %1 行第 %2 列</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::CsvSeriesSet</name>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::Format</name>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hours</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minutes</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::GenericCsvParser</name>
    <message>
        <source>The header has an unknown column &quot;%1&quot;; the columns are meter_id, timestamp, value, unit and quality, optionally channel, interval_minutes and commodity.</source>
        <translation>标题行中有未知列“%1”；可用的列为 meter_id、timestamp、value、unit 和 quality，以及可选的 channel、interval_minutes 和 commodity。</translation>
    </message>
    <message>
        <source>The header names the column %1 twice.</source>
        <translation>标题行中列 %1 出现了两次。</translation>
    </message>
    <message>
        <source>The header lacks the column %1; expected meter_id,timestamp,value,unit,quality.</source>
        <translation>标题行缺少列 %1；应为 meter_id,timestamp,value,unit,quality。</translation>
    </message>
    <message>
        <source>The file has no header line; expected meter_id,timestamp,value,unit,quality.</source>
        <translation>文件没有标题行；应为 meter_id,timestamp,value,unit,quality。</translation>
    </message>
    <message>
        <source>The meter id is empty.</source>
        <translation>计量表标识为空。</translation>
    </message>
    <message>
        <source>The unit &quot;%1&quot; is not known; expected one of %2.</source>
        <translation>未知单位“%1”；应为 %2 之一。</translation>
    </message>
    <message>
        <source>The commodity &quot;%1&quot; is not known; expected electricity, gas or water.</source>
        <translation>未知计量介质“%1”；应为 electricity、gas 或 water。</translation>
    </message>
    <message>
        <source>The unit %1 is not an electricity unit; expected Wh, kWh, MWh, varh or kvarh.</source>
        <translation>单位 %1 不是电量单位；应为 Wh、kWh、MWh、varh 或 kvarh。</translation>
    </message>
    <message>
        <source>The unit %1 is not a gas unit; expected Wh, kWh, MWh, therm, L, m3 or ft3.</source>
        <translation>单位 %1 不是燃气计量单位；应为 Wh、kWh、MWh、therm、L、m3 或 ft3。</translation>
    </message>
    <message>
        <source>The unit %1 is not a water unit; expected L, m3 or ft3.</source>
        <translation>单位 %1 不是水量单位；应为 L、m3 或 ft3。</translation>
    </message>
    <message>
        <source>The channel &quot;%1&quot; is not known; expected import, export or reactive.</source>
        <translation>未知通道“%1”；应为 import、export 或 reactive。</translation>
    </message>
    <message>
        <source>A reactive channel is measured in varh or kvarh, not %1.</source>
        <translation>无功通道的单位为 varh 或 kvarh，而不是 %1。</translation>
    </message>
    <message>
        <source>The unit %1 is reactive energy; its channel must be reactive.</source>
        <translation>单位 %1 表示无功电能；其通道必须为 reactive。</translation>
    </message>
    <message>
        <source>Gas and water meters have only an import channel.</source>
        <translation>燃气表和水表只有正向通道。</translation>
    </message>
    <message>
        <source>Expected %1 fields as in the header, found %2; a value that contains a comma must be quoted.</source>
        <translation>应与标题行一致有 %1 个字段，实际为 %2 个；包含逗号的值必须加引号。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date and time with a UTC offset; expected the interval start in ISO 8601 form, such as 2026-03-29T01:00:00+01:00 or 2026-03-29T00:00:00Z.</source>
        <translation>“%1”不是带 UTC 偏移的日期和时间；应为 ISO 8601 格式的间隔开始时间，例如 2026-03-29T01:00:00+01:00 或 2026-03-29T00:00:00Z。</translation>
    </message>
    <message>
        <source>The quality &quot;%1&quot; is not known; expected A (actual), E (estimated) or M (missing).</source>
        <translation>未知质量标志“%1”；应为 A（实测）、E（估算）或 M（缺失）。</translation>
    </message>
    <message>
        <source>The value is empty; only a reading with quality M (missing) may have no value.</source>
        <translation>值为空；只有质量标志为 M（缺失）的读数可以没有值。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a decimal number; expected digits with an optional point, such as 123.456.</source>
        <translation>“%1”不是十进制数；应为数字，可带小数点，例如 123.456。</translation>
    </message>
    <message>
        <source>The value %1 is too large.</source>
        <translation>值 %1 过大。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an interval length; expected whole minutes from 1 to 1440, such as 15.</source>
        <translation>“%1”不是有效的间隔长度；应为 1 到 1440 之间的整数分钟数，例如 15。</translation>
    </message>
    <message>
        <source>CSV, UtilityDesk layout</source>
        <translation>CSV（UtilityDesk 格式）</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::GreenButtonCsvParser</name>
    <message>
        <source>No Green Button header line was found; expected a line such as TYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES.</source>
        <translation>未找到 Green Button 标题行；应为类似 TYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES 的行。</translation>
    </message>
    <message>
        <source>The file does not say which meter it belongs to: the lines before its header give no Meter Number, Service ID or Account Number. Name the meter when importing it.</source>
        <translation>文件未说明它属于哪个计量表：标题行之前的各行中没有 Meter Number、Service ID 或 Account Number。请在导入时指定计量表。</translation>
    </message>
    <message>
        <source>The header gives no unit for its usage; expected a UNITS column or the unit in the column&apos;s name, such as USAGE (kWh).</source>
        <translation>标题行未给出用量的单位；应有 UNITS 列，或在列名中注明单位，例如 USAGE (kWh)。</translation>
    </message>
    <message>
        <source>The unit &quot;%1&quot; in the header is not known; expected one of %2.</source>
        <translation>标题行中的单位“%1”未知；应为 %2 之一。</translation>
    </message>
    <message>
        <source>No time zone is known for the meter %1, and the file&apos;s times are local times.</source>
        <translation>计量表 %1 的时区未知，而文件中的时间为当地时间。</translation>
    </message>
    <message>
        <source>The unit %1 does not measure %2 usage.</source>
        <translation>单位 %1 不能用于计量%2的用量。</translation>
    </message>
    <message>
        <source>Only electricity can have an EXPORT column.</source>
        <translation>只有电计量数据才能包含 EXPORT 列。</translation>
    </message>
    <message>
        <source>The local time %1 does not exist in %2: the clocks went forward over it.</source>
        <translation>当地时间 %1 在 %2 中不存在：夏令时开始时，时钟跳过了这一时刻。</translation>
    </message>
    <message>
        <source>The local time %1 appears a third time; it occurs only twice on the day the clocks go back.</source>
        <translation>当地时间 %1 出现了第三次；在夏令时结束、时钟回拨的当天，它只会出现两次。</translation>
    </message>
    <message>
        <source>Expected %1 fields as in the header, found %2.</source>
        <translation>应与标题行一致有 %1 个字段，实际为 %2 个。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date; expected YYYY-MM-DD or M/D/YYYY, such as 2019-01-01 or 1/1/2019.</source>
        <translation>“%1”不是日期；应为 YYYY-MM-DD 或 M/D/YYYY 格式，例如 2019-01-01 或 1/1/2019。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time of day; expected HH:MM or H:MM AM/PM, such as 00:00 or 12:00 AM.</source>
        <translation>“%1”不是时刻；应为 HH:MM 或 H:MM AM/PM 格式，例如 00:00 或 12:00 AM。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time of day; expected HH:MM or H:MM AM/PM, such as 00:14 or 12:59 AM.</source>
        <translation>“%1”不是时刻；应为 HH:MM 或 H:MM AM/PM 格式，例如 00:14 或 12:59 AM。</translation>
    </message>
    <message>
        <source>The unit &quot;%1&quot; is not known; expected one of %2.</source>
        <translation>未知单位“%1”；应为 %2 之一。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number; expected a decimal such as 0.25.</source>
        <translation>“%1”不是数字；应为十进制数，例如 0.25。</translation>
    </message>
    <message>
        <source>Green Button CSV (Download My Data)</source>
        <translation>Green Button CSV（Download My Data）</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::GreenButtonParser</name>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>line %1, %2</source>
        <translation>第 %1 行，%2</translation>
    </message>
    <message>
        <source>line %1, %2/content/%3</source>
        <translation>第 %1 行，%2/content/%3</translation>
    </message>
    <message>
        <source>the ReadingType has no &lt;uom&gt;; expected the unit of its readings</source>
        <translation>ReadingType 没有 &lt;uom&gt;；应提供其读数的单位</translation>
    </message>
    <message>
        <source>the unit of measure %1 is a power or flow rate; expected energy or volume (Wh, VArh, therm, Btu, m³, ft³, L, gallons)</source>
        <translation>计量单位 %1 是功率或流量单位；应为能量或体积单位（Wh、VArh、therm、Btu、m³、ft³、L、加仑）</translation>
    </message>
    <message>
        <source>the unit of measure %1 is not an energy or volume unit; expected Wh (72), VArh (73), therm (169), Btu (132), m³ (42), ft³ (119), L (134) or US gallons (128)</source>
        <translation>计量单位 %1 不是能量或体积单位；应为 Wh (72)、VArh (73)、therm (169)、Btu (132)、m³ (42)、ft³ (119)、L (134) 或美制加仑 (128)</translation>
    </message>
    <message>
        <source>the powerOfTenMultiplier %1 is outside -12 to 12</source>
        <translation>powerOfTenMultiplier %1 超出 -12 到 12 的范围</translation>
    </message>
    <message>
        <source>the ReadingType kind %1 is not energy (12) or volume (58)</source>
        <translation>ReadingType 的 kind %1 既不是能量 (12) 也不是体积 (58)</translation>
    </message>
    <message>
        <source>the accumulationBehaviour %1 is not interval data; expected 4 (deltaData) or a register: 1 (bulkQuantity), 3 (cumulative) or 9 (summation)</source>
        <translation>accumulationBehaviour %1 不是间隔数据；应为 4 (deltaData) 或寄存器类型：1 (bulkQuantity)、3 (cumulative) 或 9 (summation)</translation>
    </message>
    <message>
        <source>the flowDirection %1 is not a consumption channel; expected 1 (forward, delivered), 19 (reverse, received) or 4 (net)</source>
        <translation>flowDirection %1 不是用量通道；应为 1（正向，送达用户）、19（反向，从用户接收）或 4（净值）</translation>
    </message>
    <message>
        <source>the usage point has no ServiceCategory kind and its ReadingType no known commodity; expected electricity, gas or water</source>
        <translation>使用点没有 ServiceCategory kind，其 ReadingType 也没有已知的计量介质；应为电、燃气或水</translation>
    </message>
    <message>
        <source>the unit of measure %1 is a volume, but the usage point is electricity</source>
        <translation>计量单位 %1 是体积单位，但该使用点为电</translation>
    </message>
    <message>
        <source>the unit of measure %1 is not a volume, but the usage point is water</source>
        <translation>计量单位 %1 不是体积单位，但该使用点为水</translation>
    </message>
    <message>
        <source>the unit of measure %1 is reactive energy, but the usage point is not electricity</source>
        <translation>计量单位 %1 表示无功电能，但该使用点不是电</translation>
    </message>
    <message>
        <source>reverse reactive energy is not imported; a meter has one reactive channel</source>
        <translation>不导入反向无功电能；一个计量表只有一个无功通道</translation>
    </message>
    <message>
        <source>the intervalLength %1 is longer than a channel interval can be</source>
        <translation>intervalLength %1 超过了通道间隔的最大长度</translation>
    </message>
    <message>
        <source>an IntervalReading has no timePeriod and its ReadingType no intervalLength; expected one of them</source>
        <translation>IntervalReading 没有 timePeriod，其 ReadingType 也没有 intervalLength；应至少提供其中之一</translation>
    </message>
    <message>
        <source>the value %1 is outside the range ESPI allows (Int48) or too large in the base unit</source>
        <translation>值 %1 超出 ESPI 允许的范围（Int48），或换算为基本单位后过大</translation>
    </message>
    <message>
        <source>the summary belongs to the usage point %1, which the file does not contain</source>
        <translation>该汇总属于使用点 %1，但文件中不包含该使用点</translation>
    </message>
    <message>
        <source>the summary&apos;s unit of measure %1 is not an energy or volume unit</source>
        <translation>汇总的计量单位 %1 不是能量或体积单位</translation>
    </message>
    <message>
        <source>the summary&apos;s ReadingType %1 is not in the file</source>
        <translation>汇总的 ReadingType %1 不在文件中</translation>
    </message>
    <message>
        <source>the summary&apos;s unit of measure %1 does not match its channel; expected %2</source>
        <translation>汇总的计量单位 %1 与其通道不符；应为 %2</translation>
    </message>
    <message>
        <source>the summary value %1 is outside the range ESPI allows</source>
        <translation>汇总值 %1 超出 ESPI 允许的范围</translation>
    </message>
    <message>
        <source>the IntervalBlock belongs to the MeterReading %1, which the file does not contain</source>
        <translation>IntervalBlock 属于 MeterReading %1，但文件中不包含该 MeterReading</translation>
    </message>
    <message>
        <source>the MeterReading %1 refers to the ReadingType %2, which the file does not contain; expected its unit and multiplier</source>
        <translation>MeterReading %1 引用了 ReadingType %2，但文件中不包含该 ReadingType；需要其中的单位和倍率</translation>
    </message>
    <message>
        <source>the IntervalBlock belongs to the usage point %1, which the file does not contain</source>
        <translation>IntervalBlock 属于使用点 %1，但文件中不包含该使用点</translation>
    </message>
    <message>
        <source>the usage points %1 and %2 have the same id %3, so their meters cannot be told apart</source>
        <translation>使用点 %1 和 %2 的 ID 同为 %3，因此无法区分它们的计量表</translation>
    </message>
    <message>
        <source>the usage point&apos;s ServiceCategory kind is %1; expected 0 (electricity), 1 (gas) or 2 (water)</source>
        <translation>使用点的 ServiceCategory kind 为 %1；应为 0（电）、1（燃气）或 2（水）</translation>
    </message>
    <message>
        <source>the usage point %1 is described twice, differently</source>
        <translation>使用点 %1 被描述了两次，且内容不同</translation>
    </message>
    <message>
        <source>the MeterReading %1 is described twice, differently</source>
        <translation>MeterReading %1 被描述了两次，且内容不同</translation>
    </message>
    <message>
        <source>the ReadingType %1 is described twice, differently</source>
        <translation>ReadingType %1 被描述了两次，且内容不同</translation>
    </message>
    <message>
        <source>more than %1 interval readings come before the MeterReading, ReadingType or UsagePoint they belong to; expected those entries earlier</source>
        <translation>有超过 %1 个间隔读数出现在其所属的 MeterReading、ReadingType 或 UsagePoint 之前；这些条目应排在前面</translation>
    </message>
    <message>
        <source>elements are nested more than %1 deep; Green Button files are far shallower</source>
        <translation>元素嵌套深度超过 %1 层；Green Button 文件的嵌套要浅得多</translation>
    </message>
    <message>
        <source>the file has a document type declaration (&lt;!DOCTYPE&gt;); Green Button files have none, and its entities could hide or replace content, so the file is not read</source>
        <translation>文件包含文档类型声明（&lt;!DOCTYPE&gt;）；Green Button 文件没有此声明，而其中的实体可能隐藏或替换内容，因此不读取该文件</translation>
    </message>
    <message>
        <source>the entity reference &amp;%1; cannot be resolved; expected plain text or the predefined entities</source>
        <translation>无法解析实体引用 &amp;%1;；应为纯文本或预定义实体</translation>
    </message>
    <message>
        <source>the file is larger than the import limit of %1 bytes</source>
        <translation>文件大小超过了 %1 字节的导入上限</translation>
    </message>
    <message>
        <source>the file ends before the XML document is complete; expected the closing &lt;/feed&gt;</source>
        <translation>文件在 XML 文档完整之前就已结束；缺少结束标记 &lt;/feed&gt;</translation>
    </message>
    <message>
        <source>the file is not well-formed XML: %1</source>
        <translation>文件不是格式正确的 XML：%1</translation>
    </message>
    <message>
        <source>expected text, found the element &lt;%1&gt;</source>
        <translation>应为文本，实际为元素 &lt;%1&gt;</translation>
    </message>
    <message>
        <source>expected a whole number, found &quot;%1&quot;</source>
        <translation>应为整数，实际为“%1”</translation>
    </message>
    <message>
        <source>expected a whole number from %1 to %2, found %3</source>
        <translation>应为 %1 到 %2 之间的整数，实际为 %3</translation>
    </message>
    <message>
        <source>expected a rule of up to 8 hexadecimal digits, found &quot;%1&quot;</source>
        <translation>应为最多 8 位十六进制数字的规则，实际为“%1”</translation>
    </message>
    <message>
        <source>expected at most 4096 characters of text</source>
        <translation>文本最多应为 4096 个字符</translation>
    </message>
    <message>
        <source>expected both &lt;start&gt; and &lt;duration&gt;</source>
        <translation>应同时包含 &lt;start&gt; 和 &lt;duration&gt;</translation>
    </message>
    <message>
        <source>the file is empty; expected an Atom feed</source>
        <translation>文件为空；应为 Atom feed</translation>
    </message>
    <message>
        <source>expected an Atom &lt;feed&gt; (namespace %1) as the document element, found &lt;%2&gt;</source>
        <translation>文档元素应为 Atom &lt;feed&gt;（命名空间 %1），实际为 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>the feed holds no Green Button data; expected entries with ESPI content (namespace %1)</source>
        <translation>该 feed 中没有 Green Button 数据；应包含带 ESPI 内容（命名空间 %1）的条目</translation>
    </message>
    <message>
        <source>expected &lt;tzOffset&gt; in LocalTimeParameters</source>
        <translation>LocalTimeParameters 中应包含 &lt;tzOffset&gt;</translation>
    </message>
    <message>
        <source>expected all of &lt;dstStartRule&gt;, &lt;dstEndRule&gt; and &lt;dstOffset&gt;, or none</source>
        <translation>&lt;dstStartRule&gt;、&lt;dstEndRule&gt; 和 &lt;dstOffset&gt; 应全部提供或全部省略</translation>
    </message>
    <message>
        <source>expected a &lt;timePeriod&gt;, or the IntervalBlock&apos;s &lt;interval&gt; before its readings</source>
        <translation>应提供 &lt;timePeriod&gt;，或在 IntervalBlock 的读数之前提供其 &lt;interval&gt;</translation>
    </message>
    <message>
        <source>one entry holds more than %1 interval readings, more than the importer buffers</source>
        <translation>一个条目包含超过 %1 个间隔读数，超出了导入程序的缓冲能力</translation>
    </message>
    <message>
        <source>the UsagePoint entry has no &lt;link rel=&quot;self&quot;&gt;; expected its href to link its meter readings</source>
        <translation>UsagePoint 条目没有 &lt;link rel=&quot;self&quot;&gt;；需要其 href 来关联它的计量读数</translation>
    </message>
    <message>
        <source>the MeterReading entry has no &lt;link rel=&quot;self&quot;&gt; naming it; expected .../UsagePoint/{id}/MeterReading/{id}</source>
        <translation>MeterReading 条目没有标识自身的 &lt;link rel=&quot;self&quot;&gt;；应为 .../UsagePoint/{id}/MeterReading/{id}</translation>
    </message>
    <message>
        <source>the MeterReading has no &lt;link rel=&quot;related&quot;&gt; to its ReadingType</source>
        <translation>MeterReading 没有指向其 ReadingType 的 &lt;link rel=&quot;related&quot;&gt;</translation>
    </message>
    <message>
        <source>the ReadingType entry has no &lt;link rel=&quot;self&quot;&gt;; expected the href its MeterReading links to</source>
        <translation>ReadingType 条目没有 &lt;link rel=&quot;self&quot;&gt;；应为其 MeterReading 所链接的 href</translation>
    </message>
    <message>
        <source>the summary has no &lt;link rel=&quot;up&quot;&gt; to .../UsagePoint/{id}/UsageSummary</source>
        <translation>汇总没有指向 .../UsagePoint/{id}/UsageSummary 的 &lt;link rel=&quot;up&quot;&gt;</translation>
    </message>
    <message>
        <source>the IntervalBlock has no &lt;link rel=&quot;up&quot;&gt; to .../UsagePoint/{id}/MeterReading/{id}/IntervalBlock</source>
        <translation>IntervalBlock 没有指向 .../UsagePoint/{id}/MeterReading/{id}/IntervalBlock 的 &lt;link rel=&quot;up&quot;&gt;</translation>
    </message>
    <message>
        <source>Green Button XML (ESPI)</source>
        <translation>Green Button XML（ESPI）</translation>
    </message>
    <message>
        <source>the file has %1 bytes, more than the import limit of %2 bytes</source>
        <translation>文件大小为 %1 字节，超过了 %2 字节的导入上限</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::HalfHourlyCsvParser</name>
    <message>
        <source>The header lacks a Consumption, Start or End column; expected a header such as Consumption (kWh), Start, End.</source>
        <translation>标题行缺少 Consumption、Start 或 End 列；应为类似 Consumption (kWh), Start, End 的标题行。</translation>
    </message>
    <message>
        <source>The consumption unit &quot;%1&quot; is not known; expected kWh, Wh or m3.</source>
        <translation>未知用量单位“%1”；应为 kWh、Wh 或 m3。</translation>
    </message>
    <message>
        <source>The file is empty; expected a header such as Consumption (kWh), Start, End.</source>
        <translation>文件为空；应有类似 Consumption (kWh), Start, End 的标题行。</translation>
    </message>
    <message>
        <source>Expected %1 fields as in the header, found %2.</source>
        <translation>应与标题行一致有 %1 个字段，实际为 %2 个。</translation>
    </message>
    <message>
        <source>expected an ISO 8601 date and time with its offset, such as 2024-03-31T01:30:00+01:00 or 2024-03-31T00:30:00Z</source>
        <translation>应为带 UTC 偏移的 ISO 8601 日期和时间，例如 2024-03-31T01:30:00+01:00 或 2024-03-31T00:30:00Z</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a start time; %2.</source>
        <translation>“%1”不是有效的开始时间；%2。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an end time; %2.</source>
        <translation>“%1”不是有效的结束时间；%2。</translation>
    </message>
    <message>
        <source>The end %1 is not after the start %2.</source>
        <translation>结束时间 %1 不晚于开始时间 %2。</translation>
    </message>
    <message>
        <source>The interval from %1 to %2 is longer than a day.</source>
        <translation>从 %1 到 %2 的间隔超过一天。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number; expected a decimal such as 0.153.</source>
        <translation>“%1”不是数字；应为十进制数，例如 0.153。</translation>
    </message>
    <message>
        <source>The line names no meter: its meter serial and MPAN columns are empty.</source>
        <translation>该行未指定计量表：表号列和 MPAN 列均为空。</translation>
    </message>
    <message>
        <source>Supplier half-hourly CSV (Consumption, Start, End)</source>
        <translation>供应商半小时 CSV（Consumption、Start、End）</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ImportError</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1，%2：%3</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ImportFilesModel</name>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1 (the reason is in %1.reason)</source>
        <translation>%1（原因见 %1.reason）</translation>
    </message>
    <message>
        <source>Unknown format</source>
        <translation>未知格式</translation>
    </message>
    <message numerus="yes">
        <source>%Ln readings wait for their meter under Unknown meters.</source>
        <translation>
            <numerusform>%Ln 个读数正在“未知计量表”下等待分配计量表。</numerusform>
        </translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>更改</translation>
    </message>
    <message>
        <source>Estimated</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>Unknown meter</source>
        <translation>未知计量表</translation>
    </message>
    <message>
        <source>Reason or note</source>
        <translation>原因或备注</translation>
    </message>
    <message>
        <source>Moved to</source>
        <translation>移至</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ImportRunsModel</name>
    <message>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>Drop folder</source>
        <translation>投放文件夹</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>Still running</source>
        <translation>仍在进行</translation>
    </message>
    <message numerus="yes">
        <source>Finished, %Ln rejected</source>
        <translation>
            <numerusform>完成，%Ln 个被拒绝</numerusform>
        </translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Finished</source>
        <comment>status of an import run</comment>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Started</source>
        <comment>column: when the run started</comment>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Finished</source>
        <comment>column: when the run finished</comment>
        <translation>完成时间</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ImportRunsView</name>
    <message>
        <source>The quarantine folder %1 no longer exists; the file may have been moved or deleted.</source>
        <translation>隔离文件夹 %1 已不存在；该文件可能已被移动或删除。</translation>
    </message>
    <message>
        <source>No file manager could open %1.</source>
        <translation>没有文件管理器能够打开 %1。</translation>
    </message>
    <message>
        <source>Files of every run, newest first:</source>
        <translation>所有批次的文件，最新的在前：</translation>
    </message>
    <message numerus="yes">
        <source>Fi&amp;les of the run started %1 by %2 (%Ln files):</source>
        <translation>
            <numerusform>%2 于 %1 开始的批次中的文件（%Ln 个）(&amp;L)：</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a file to see what became of it.</source>
        <translation>选择一个文件，查看其处理结果。</translation>
    </message>
    <message numerus="yes">
        <source>%1 was imported: %Ln readings, %2 new, %3 changed, %4 estimated by validation.</source>
        <translation>
            <numerusform>%1 已导入：%Ln 个读数，其中新增 %2 个，更改 %3 个，经校验估算 %4 个。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln readings are for meters the database does not know; they wait under Unknown meters.</source>
        <translation>
            <numerusform>%Ln 个读数所属的计量表在数据库中不存在；这些读数正在“未知计量表”下等待处理。</numerusform>
        </translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
    <message>
        <source>Rejected: %1 The file was moved to %2, with the reason beside it in %2.reason.</source>
        <translation>已拒绝：%1 该文件已移至 %2，原因记录在同一位置的 %2.reason 中。</translation>
    </message>
    <message>
        <source>Select a rejected file to open the folder it was moved to</source>
        <translation>选择一个被拒绝的文件，以打开其所移至的文件夹</translation>
    </message>
    <message>
        <source>Open %1 in the file manager</source>
        <translation>在文件管理器中打开 %1</translation>
    </message>
    <message numerus="yes">
        <source>Import r&amp;uns, newest first (%Ln in all):</source>
        <translation>
            <numerusform>导入批次，最新的在前（共 %Ln 个）(&amp;U)：</numerusform>
        </translation>
    </message>
    <message>
        <source>The import log could not be loaded: %1</source>
        <translation>无法加载导入日志：%1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>重试(&amp;Y)</translation>
    </message>
    <message>
        <source>Nothing has been imported yet. Import meter-data files now, or add a drop folder under File › Settings › Meter sync so files are imported as they arrive.</source>
        <translation>尚未导入任何数据。您可以现在导入计量数据文件，或在“文件 › 设置 › 计量同步”中添加投放文件夹，以便文件到达时自动导入。</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Open quarantine folder</source>
        <translation>打开隔离文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>Import runs</source>
        <translation>导入批次</translation>
    </message>
    <message>
        <source>Files of the selected run</source>
        <translation>所选批次的文件</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeterHealthModel</name>
    <message>
        <source>No readings yet</source>
        <translation>尚无读数</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>Late by %1</source>
        <translation>延迟 %1</translation>
    </message>
    <message>
        <source>Meter %1, not on a service point</source>
        <translation>计量表 %1，未关联供应点</translation>
    </message>
    <message>
        <source>Meter %1 on service point %2</source>
        <translation>计量表 %1，位于供应点 %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln findings in all)</source>
        <translation>
            <numerusform>%1（共 %Ln 条校验结果）</numerusform>
        </translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>表号</translation>
    </message>
    <message>
        <source>Commodity</source>
        <translation>计量介质</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>First reading</source>
        <translation>首个读数</translation>
    </message>
    <message>
        <source>Last reading</source>
        <translation>最后读数</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>缺口</translation>
    </message>
    <message>
        <source>Estimated</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>Latest finding</source>
        <translation>最新校验结果</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln readings were estimated</source>
        <translation>
            <numerusform>%Ln 个读数中有 %1 个为估算值</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeterHealthView</name>
    <message numerus="yes">
        <source>Showing %1 of %Ln meter channels</source>
        <translation>
            <numerusform>显示 %1 个，共 %Ln 个计量表通道</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln meter channels</source>
        <translation>
            <numerusform>%Ln 个计量表通道</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln late</source>
        <translation>
            <numerusform>%Ln 个延迟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected</source>
        <translation>
            <numerusform>已选择 %Ln 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading meters…</source>
        <translation>正在加载计量表…</translation>
    </message>
    <message>
        <source>The meter health could not be loaded: %1</source>
        <translation>无法加载计量表健康状况：%1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>重试(&amp;Y)</translation>
    </message>
    <message>
        <source>No meters yet. Meters come from the customer records, or from imports with “utilitydesk import --create-meters”.</source>
        <translation>还没有计量表。计量表来自客户记录，或来自使用“utilitydesk import --create-meters”进行的导入。</translation>
    </message>
    <message>
        <source>No meter matches “%1”.</source>
        <translation>没有与“%1”匹配的计量表。</translation>
    </message>
    <message>
        <source>No meter is late: every meter with readings reported in time.</source>
        <translation>没有延迟的计量表：所有有读数的计量表均按时上报。</translation>
    </message>
    <message>
        <source>No late meter matches “%1”.</source>
        <translation>没有与“%1”匹配的延迟计量表。</translation>
    </message>
    <message>
        <source>Show &amp;all meters</source>
        <translation>显示所有计量表(&amp;A)</translation>
    </message>
    <message>
        <source>Find &amp;serial:</source>
        <translation>查找表号(&amp;S)：</translation>
    </message>
    <message>
        <source>Part of a meter serial</source>
        <translation>表号的一部分</translation>
    </message>
    <message>
        <source>&amp;Late only</source>
        <translation>仅显示延迟(&amp;L)</translation>
    </message>
    <message numerus="yes">
        <source>Only meters whose last reading is older than %n days</source>
        <translation>
            <numerusform>仅显示最后读数早于 %n 天前的计量表</numerusform>
        </translation>
    </message>
    <message>
        <source>Meter health</source>
        <translation>计量表健康状况</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeterImporter</name>
    <message>
        <source>No quarantine folder was given for rejected files.</source>
        <translation>未为被拒绝的文件指定隔离文件夹。</translation>
    </message>
    <message>
        <source>There is no format &quot;%1&quot;; the formats are %2.</source>
        <translation>不存在格式“%1”；可用格式为 %2。</translation>
    </message>
    <message>
        <source>%1 does not exist or is not a file or folder.</source>
        <translation>%1 不存在，或者不是文件或文件夹。</translation>
    </message>
    <message>
        <source>the file cannot be read (%1).</source>
        <translation>无法读取文件（%1）。</translation>
    </message>
    <message>
        <source>the file is in none of the formats UtilityDesk reads (tried: %1).</source>
        <translation>文件不属于 UtilityDesk 能读取的任何格式（已尝试：%1）。</translation>
    </message>
    <message>
        <source>The import of %1 was cancelled; nothing of it was stored.</source>
        <translation>%1 的导入已取消；其中的任何内容均未存储。</translation>
    </message>
    <message>
        <source>%1 was not imported because the database failed: %2</source>
        <translation>由于数据库出错，%1 未导入：%2</translation>
    </message>
    <message>
        <source>Original location: %1</source>
        <translation>原始位置：%1</translation>
    </message>
    <message>
        <source>Format: %1</source>
        <translation>格式：%1</translation>
    </message>
    <message>
        <source>Rejected at: %1</source>
        <translation>拒绝时间：%1</translation>
    </message>
    <message>
        <source>There is no meter %1.</source>
        <translation>不存在计量表 %1。</translation>
    </message>
    <message>
        <source>No readings are waiting under the meter name %1.</source>
        <translation>计量表名称 %1 下没有等待中的读数。</translation>
    </message>
    <message>
        <source>Meter %1 has no %2 channel for the readings queued under %3.</source>
        <translation>计量表 %1 没有可接收 %3 下排队读数的%2通道。</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeterSyncPage</name>
    <message>
        <source>The readings were not assigned: %1</source>
        <translation>读数未分配：%1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln readings queued under %1 now belong to meter %2; later files naming %1 go to it directly.</source>
        <translation>
            <numerusform>%1 下排队的 %Ln 个读数现已归入计量表 %2；此后指定 %1 的文件将直接归入该计量表。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Meter Data</source>
        <translation>导入计量数据</translation>
    </message>
    <message>
        <source>Meter data (*.csv *.xml *.txt *.dat *.nem12);;All files (*)</source>
        <translation>计量数据 (*.csv *.xml *.txt *.dat *.nem12);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing meter data</source>
        <translation>正在导入计量数据</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>The files were not imported: %1</source>
        <translation>文件未导入：%1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Importing %1 (file %2 of %3)…</source>
        <translation>正在导入 %1（第 %2 个文件，共 %3 个）…</translation>
    </message>
    <message>
        <source>The import was cancelled. Files finished before were kept; nothing of %1 was stored.</source>
        <translation>导入已取消。此前已完成的文件均已保留；%1 的任何内容均未存储。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln of %1 files were rejected. Each says why below and was moved to the quarantine folder.</source>
        <translation>
            <numerusform>%1 个文件中有 %Ln 个被拒绝。下方列出了每个文件被拒绝的原因，这些文件已移至隔离文件夹。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln readings are for meters the database does not know. They wait under Unknown meters until you assign them.</source>
        <translation>
            <numerusform>%Ln 个读数所属的计量表在数据库中不存在。这些读数将在“未知计量表”下等待，直到您进行分配。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Review unknown meters</source>
        <translation>查看未知计量表(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Runs and files</source>
        <translation>批次和文件(&amp;R)</translation>
    </message>
    <message>
        <source>U&amp;nknown meters (%1)</source>
        <translation>未知计量表（%1）(&amp;N)</translation>
    </message>
    <message>
        <source>U&amp;nknown meters</source>
        <translation>未知计量表(&amp;N)</translation>
    </message>
    <message numerus="yes">
        <source>Meter &amp;health (%Ln late)</source>
        <translation>
            <numerusform>计量表健康状况（%Ln 个延迟）(&amp;H)</numerusform>
        </translation>
    </message>
    <message>
        <source>Meter &amp;health</source>
        <translation>计量表健康状况(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Import meter-data files (Ctrl+I)</source>
        <translation>导入计量数据文件 (Ctrl+I)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Stop after the current batch; the file being read is not stored</source>
        <translation>处理完当前这批数据后停止；正在读取的文件不会被存储</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Load what was imported meanwhile</source>
        <translation>加载在此期间导入的内容</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeterSyncStatus</name>
    <message>
        <source>Meter sync: off</source>
        <translation>计量同步：关闭</translation>
    </message>
    <message>
        <source>No drop folders are set up. Add them under File › Settings › Meter sync.</source>
        <translation>尚未设置投放文件夹。请在“文件 › 设置 › 计量同步”中添加。</translation>
    </message>
    <message>
        <source>Meter sync: stopped</source>
        <translation>计量同步：已停止</translation>
    </message>
    <message>
        <source>The meter-sync worker is not running; files in the drop folders wait.</source>
        <translation>计量同步后台进程未运行；投放文件夹中的文件正在等待处理。</translation>
    </message>
    <message numerus="yes">
        <source>Meter sync: watching %n folders</source>
        <translation>
            <numerusform>计量同步：正在监视 %n 个文件夹</numerusform>
        </translation>
    </message>
    <message>
        <source>New files in the drop folders are imported as they arrive.</source>
        <translation>投放文件夹中的新文件一到达就会被导入。</translation>
    </message>
    <message>
        <source>Meter sync: importing %1 %2%3</source>
        <translation>计量同步：正在导入 %1 %2%3</translation>
    </message>
    <message>
        <source>Meter sync: importing %1</source>
        <translation>计量同步：正在导入 %1</translation>
    </message>
    <message>
        <source>Importing %1.</source>
        <translation>正在导入 %1。</translation>
    </message>
    <message>
        <source>last scan %1</source>
        <translation>上次扫描 %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rejected</source>
        <translation>
            <numerusform>%Ln 个被拒绝</numerusform>
        </translation>
    </message>
    <message>
        <source>Last problem: %1</source>
        <translation>最近的问题：%1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln imported today</source>
        <translation>
            <numerusform>今天已导入 %Ln 个</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeterSyncWorker</name>
    <message>
        <source>%1 was imported but could not be moved to %2; it will be imported again (which changes nothing).</source>
        <translation>%1 已导入，但无法移至 %2；它将被再次导入（这不会造成任何更改）。</translation>
    </message>
    <message>
        <source>The drop folder %1 does not exist.</source>
        <translation>投放文件夹 %1 不存在。</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeteringUiModule</name>
    <message>
        <source>Meter sync</source>
        <translation>计量同步</translation>
    </message>
    <message>
        <source>&amp;Import Meter Files…</source>
        <translation>导入计量文件(&amp;I)…</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::Nem12Parser</name>
    <message>
        <source>Nothing may follow the 900 end record.</source>
        <translation>900 结束记录之后不能再有任何内容。</translation>
    </message>
    <message>
        <source>A NEM12 file starts with a 100 header record; found &quot;%1&quot;.</source>
        <translation>NEM12 文件应以 100 头记录开始；实际为“%1”。</translation>
    </message>
    <message>
        <source>A 300 interval data record must follow a 200 data stream record.</source>
        <translation>300 间隔数据记录必须位于 200 数据流记录之后。</translation>
    </message>
    <message>
        <source>A 400 interval event record must follow a 300 record whose quality is V (variable).</source>
        <translation>400 间隔事件记录必须位于质量标志为 V（可变）的 300 记录之后。</translation>
    </message>
    <message>
        <source>A 500 B2B details record must follow a 300 or 400 record.</source>
        <translation>500 B2B 明细记录必须位于 300 或 400 记录之后。</translation>
    </message>
    <message>
        <source>A NEM12 file has only one 100 header record.</source>
        <translation>NEM12 文件只能有一条 100 头记录。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a NEM12 record indicator; expected 200, 300, 400, 500 or 900.</source>
        <translation>“%1”不是 NEM12 记录标识；应为 200、300、400、500 或 900。</translation>
    </message>
    <message>
        <source>The file is empty; a NEM12 file starts with a 100 header record.</source>
        <translation>文件为空；NEM12 文件应以 100 头记录开始。</translation>
    </message>
    <message>
        <source>The file ends without the 900 end record; it is probably truncated.</source>
        <translation>文件结尾缺少 900 结束记录；文件可能不完整。</translation>
    </message>
    <message>
        <source>The file has no data stream the product stores; expected a 200 record with an NMI suffix starting with E (consumption), B (generation) or Q (reactive energy).</source>
        <translation>文件中没有本产品可存储的数据流；应有 NMI 后缀以 E（用电）、B（发电）或 Q（无功电能）开头的 200 记录。</translation>
    </message>
    <message>
        <source>The 100 header record has no version; expected 100,NEM12,DateTime,FromParticipant,ToParticipant.</source>
        <translation>100 头记录没有版本；应为 100,NEM12,DateTime,FromParticipant,ToParticipant。</translation>
    </message>
    <message>
        <source>This is a NEM13 file of accumulated meter readings; only NEM12 interval data can be imported.</source>
        <translation>这是包含累计读数的 NEM13 文件；只能导入 NEM12 间隔数据。</translation>
    </message>
    <message>
        <source>The 100 header record names the version &quot;%1&quot;; expected NEM12.</source>
        <translation>100 头记录中的版本为“%1”；应为 NEM12。</translation>
    </message>
    <message>
        <source>A 200 record has 10 fields (200,NMI,NMIConfiguration,RegisterID,NMISuffix,MDMDataStreamIdentifier,MeterSerialNumber,UOM,IntervalLength,NextScheduledReadDate); found %1.</source>
        <translation>200 记录应有 10 个字段（200,NMI,NMIConfiguration,RegisterID,NMISuffix,MDMDataStreamIdentifier,MeterSerialNumber,UOM,IntervalLength,NextScheduledReadDate）；实际为 %1 个。</translation>
    </message>
    <message>
        <source>The 200 record has no NMI.</source>
        <translation>200 记录没有 NMI。</translation>
    </message>
    <message>
        <source>The NMI suffix &quot;%1&quot; is not two characters, such as E1 or B1.</source>
        <translation>NMI 后缀“%1”不是两个字符（例如 E1 或 B1）。</translation>
    </message>
    <message>
        <source>The interval length &quot;%1&quot; is not 5, 15 or 30 minutes.</source>
        <translation>间隔长度“%1”不是 5、15 或 30 分钟。</translation>
    </message>
    <message>
        <source>The unit &quot;%1&quot; does not fit the reactive stream %2; expected kVArh, VArh or MVArh.</source>
        <translation>单位“%1”不适用于无功数据流 %2；应为 kVArh、VArh 或 MVArh。</translation>
    </message>
    <message>
        <source>The unit &quot;%1&quot; does not fit the energy stream %2; expected kWh, Wh or MWh.</source>
        <translation>单位“%1”不适用于电能数据流 %2；应为 kWh、Wh 或 MWh。</translation>
    </message>
    <message>
        <source>A 300 record of the %1-minute stream of line %2 has %3 interval values, then QualityMethod, ReasonCode, ReasonDescription, UpdateDateTime and MSATSLoadDateTime; found %4 values.</source>
        <translation>第 %2 行的 %1 分钟数据流的 300 记录应包含 %3 个间隔值，之后依次为 QualityMethod、ReasonCode、ReasonDescription、UpdateDateTime 和 MSATSLoadDateTime；实际为 %4 个值。</translation>
    </message>
    <message>
        <source>The interval date &quot;%1&quot; is not a date in the form YYYYMMDD.</source>
        <translation>间隔日期“%1”不是 YYYYMMDD 格式的日期。</translation>
    </message>
    <message>
        <source>The quality method &quot;%1&quot; is not known; expected A, E, F, N, S or V, optionally followed by a two-digit method such as S14.</source>
        <translation>未知质量方法“%1”；应为 A、E、F、N、S 或 V，后面可跟两位数字的方法代码，例如 S14。</translation>
    </message>
    <message>
        <source>Interval value %1 (&quot;%2&quot;) is not a decimal number such as 1.234.</source>
        <translation>第 %1 个间隔值（“%2”）不是类似 1.234 的十进制数。</translation>
    </message>
    <message>
        <source>A 400 record has 6 fields (400,StartInterval,EndInterval,QualityMethod,ReasonCode,ReasonDescription); found %1.</source>
        <translation>400 记录应有 6 个字段（400,StartInterval,EndInterval,QualityMethod,ReasonCode,ReasonDescription）；实际为 %1 个。</translation>
    </message>
    <message>
        <source>The intervals %1 to %2 are not a range within 1 to %3.</source>
        <translation>间隔 %1 到 %2 不是 1 到 %3 之内的有效范围。</translation>
    </message>
    <message>
        <source>The quality method &quot;%1&quot; of a 400 record is not known; expected A, E, F, N or S, optionally followed by a two-digit method such as S14.</source>
        <translation>400 记录的质量方法“%1”未知；应为 A、E、F、N 或 S，后面可跟两位数字的方法代码，例如 S14。</translation>
    </message>
    <message>
        <source>Interval %1 already has a quality from an earlier 400 record.</source>
        <translation>间隔 %1 已由之前的 400 记录指定了质量标志。</translation>
    </message>
    <message>
        <source>The 300 record has quality V but no 400 record gives the quality of intervals %1 to %2.</source>
        <translation>300 记录的质量标志为 V，但没有 400 记录给出间隔 %1 到 %2 的质量标志。</translation>
    </message>
    <message>
        <source>NEM12 (AEMO interval meter data)</source>
        <translation>NEM12（AEMO 间隔计量数据）</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::PremisesSection</name>
    <message>
        <source>Premises and meters</source>
        <translation>地址和计量表</translation>
    </message>
    <message>
        <source>daily readings</source>
        <translation>每日读数</translation>
    </message>
    <message numerus="yes">
        <source>every %n minutes</source>
        <translation>
            <numerusform>每 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 kWh</source>
        <translation>%1 kWh</translation>
    </message>
    <message>
        <source>%1 kvarh</source>
        <translation>%1 kvarh</translation>
    </message>
    <message>
        <source>%1 L</source>
        <translation>%1 L</translation>
    </message>
    <message>
        <source>No consumption channel</source>
        <translation>无用量通道</translation>
    </message>
    <message numerus="yes">
        <source>No readings in the %n days to %1</source>
        <translation>
            <numerusform>截至 %1 的 %n 天内无读数</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in the %n days to %2</source>
        <translation>
            <numerusform>截至 %2 的 %n 天内共 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days without readings</source>
        <translation>
            <numerusform>%n 天无读数</numerusform>
        </translation>
    </message>
    <message>
        <source>No premises or meters yet.</source>
        <translation>尚无地址或计量表。</translation>
    </message>
    <message>
        <source>Meters not at one of the customer&apos;s premises</source>
        <translation>不在该客户任何地址的计量表</translation>
    </message>
    <message>
        <source>%1 (time zone %2)</source>
        <translation>%1（时区 %2）</translation>
    </message>
    <message>
        <source>No meters at this premise.</source>
        <translation>此地址没有计量表。</translation>
    </message>
    <message>
        <source>%1 (removed on %2)</source>
        <translation>%1（已于 %2 拆除）</translation>
    </message>
    <message>
        <source>Daily use of meter %1 from %2 to %3, local days of the premise</source>
        <translation>计量表 %1 从 %2 到 %3 的每日用量（按地址当地日期）</translation>
    </message>
    <message>
        <source>Total %1, highest day %2</source>
        <translation>合计 %1，单日最高 %2</translation>
    </message>
    <message>
        <source>Click or press Enter for the usage chart.</source>
        <translation>单击或按 Enter 查看用量图表。</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ReadingEditor</name>
    <message>
        <source>Reason: say why the value is changed; it is kept in the audit log.</source>
        <translation>原因：请说明修改该值的原因；它将记录在审计日志中。</translation>
    </message>
    <message>
        <source>There is no meter %1.</source>
        <translation>不存在计量表 %1。</translation>
    </message>
    <message>
        <source>Meter %1 has no %2 channel.</source>
        <translation>计量表 %1 没有%2通道。</translation>
    </message>
    <message>
        <source>The value cannot be stored.</source>
        <translation>无法存储该值。</translation>
    </message>
    <message>
        <source>manual edit by %1</source>
        <translation>由 %1 手工修改</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ReadingStore</name>
    <message>
        <source>The stored readings of %1 cannot be read: the day&apos;s row is damaged.</source>
        <translation>无法读取 %1 的已存读数：该日的数据行已损坏。</translation>
    </message>
    <message>
        <source>The reading at %1 does not start on the %2-minute interval grid of the meter.</source>
        <translation>%1 的读数未对齐计量表的 %2 分钟间隔网格。</translation>
    </message>
    <message>
        <source>The readings for %1 have %2-minute intervals but the meter&apos;s stored readings for that day have %3-minute intervals.</source>
        <translation>%1 的读数间隔为 %2 分钟，但该计量表当日已存读数的间隔为 %3 分钟。</translation>
    </message>
    <message>
        <source>The SQLite driver does not give access to its connection, so readings cannot be stored.</source>
        <translation>SQLite 驱动程序不提供对其连接的访问，因此无法存储读数。</translation>
    </message>
    <message>
        <source>Readings could not be stored: %1.</source>
        <translation>无法存储读数：%1。</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>An interval of %1 minutes cannot be stored: meters record 5, 15, 30 or 60-minute intervals or one reading a day (1440 minutes).</source>
        <translation>无法存储 %1 分钟的间隔：计量表记录 5、15、30 或 60 分钟的间隔，或每天一个读数（1440 分钟）。</translation>
    </message>
    <message>
        <source>The reading at %1 does not start at the start of a local day, where the meter&apos;s daily readings start.</source>
        <translation>%1 的读数不是从当地日期的开始时刻开始的，而该计量表的每日读数都从那里开始。</translation>
    </message>
    <message>
        <source>Month totals</source>
        <translation>月度合计</translation>
    </message>
    <message>
        <source>Channel statistics</source>
        <translation>通道统计</translation>
    </message>
    <message>
        <source>The channel %1 is given twice; its days must come in one piece.</source>
        <translation>通道 %1 出现了两次；它的各天必须连在一起给出。</translation>
    </message>
    <message>
        <source>The days of channel %1 must be valid dates in ascending order, each once; %2 follows %3.</source>
        <translation>通道 %1 的日期必须是按升序排列、各出现一次的有效日期；%2 排在 %3 之后。</translation>
    </message>
    <message>
        <source>The day %1 of channel %2 has %3 intervals, but a local day there has %4 intervals of %5 minutes.</source>
        <translation>通道 %2 的 %1 这一天有 %3 个间隔，但当地一天应有 %4 个 %5 分钟的间隔。</translation>
    </message>
    <message>
        <source>The channel %1 already has stored readings, so its days cannot be added as new history.</source>
        <translation>通道 %1 已有存储的读数，因此不能把这些日期作为新的历史数据添加。</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::SyncSourcesFile</name>
    <message>
        <source>%1, source %2, field &quot;%3&quot;: %4</source>
        <translation>%1，数据源 %2，字段“%3”：%4</translation>
    </message>
    <message>
        <source>this field is required.</source>
        <translation>此字段为必填项。</translation>
    </message>
    <message>
        <source>expected a non-empty text.</source>
        <translation>应为非空文本。</translation>
    </message>
    <message>
        <source>expected an https:// address.</source>
        <translation>应为 https:// 地址。</translation>
    </message>
    <message>
        <source>expected a list of one or more resource paths.</source>
        <translation>应为包含一个或多个资源路径的列表。</translation>
    </message>
    <message>
        <source>every resource must be a non-empty text.</source>
        <translation>每个资源都必须是非空文本。</translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>%1 can be read or changed by other users; allow its owner only (chmod 600).</source>
        <translation>其他用户可以读取或修改 %1；请将其设为仅所有者可访问（chmod 600）。</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 为空。</translation>
    </message>
    <message>
        <source>expected true or false.</source>
        <translation>应为 true 或 false。</translation>
    </message>
    <message>
        <source>expected a whole number of seconds from 60 to 604800.</source>
        <translation>应为 60 到 604800 之间的整数秒数。</translation>
    </message>
    <message>
        <source>%1, source %2: %3</source>
        <translation>%1，数据源 %2：%3</translation>
    </message>
    <message>
        <source>The source configuration %1 cannot be read (%2).</source>
        <translation>无法读取数据源配置 %1（%2）。</translation>
    </message>
    <message>
        <source>%1 is not valid JSON at character %2: %3.</source>
        <translation>%1 在第 %2 个字符处不是有效的 JSON：%3。</translation>
    </message>
    <message>
        <source>%1 names no source: expected an object or a list of objects.</source>
        <translation>%1 中未指定任何数据源：应为一个对象或对象列表。</translation>
    </message>
    <message>
        <source>%1, source %2: expected an object.</source>
        <translation>%1，数据源 %2：应为对象。</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::UnknownMetersModel</name>
    <message>
        <source>Meter name in file</source>
        <translation>文件中的计量表名称</translation>
    </message>
    <message>
        <source>Other name</source>
        <translation>备用名称</translation>
    </message>
    <message>
        <source>Commodity</source>
        <translation>计量介质</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>First reading</source>
        <translation>首个读数</translation>
    </message>
    <message>
        <source>Last reading</source>
        <translation>最后读数</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Last file</source>
        <translation>最近的文件</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::UnknownMetersView</name>
    <message>
        <source>Enter the serial of the meter these readings belong to.</source>
        <translation>请输入这些读数所属计量表的表号。</translation>
    </message>
    <message>
        <source>There is no meter %1. Pick a serial from the list.</source>
        <translation>不存在计量表 %1。请从列表中选择表号。</translation>
    </message>
    <message>
        <source>Assigning…</source>
        <translation>正在分配…</translation>
    </message>
    <message>
        <source>&amp;Assign</source>
        <translation>分配(&amp;A)</translation>
    </message>
    <message>
        <source>The unknown meters could not be loaded: %1</source>
        <translation>无法加载未知计量表：%1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>重试(&amp;Y)</translation>
    </message>
    <message>
        <source>No unknown meters: every reading imported so far found its meter. Readings for a meter the database does not know wait here until you assign them.</source>
        <translation>没有未知计量表：迄今导入的每个读数都已找到所属计量表。所属计量表在数据库中不存在的读数会在此等待，直到您进行分配。</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Meter for %1:</source>
        <translation>%1 对应的计量表(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Meter:</source>
        <translation>计量表(&amp;M)：</translation>
    </message>
    <message numerus="yes">
        <source>%Ln readings wait for their meter. Select a meter name from the files, enter the serial of the meter it is, and assign:</source>
        <translation>
            <numerusform>%Ln 个读数正在等待分配计量表。请选择文件中的计量表名称，输入其对应计量表的表号，然后进行分配：</numerusform>
        </translation>
    </message>
    <message>
        <source>Unknown meters</source>
        <translation>未知计量表</translation>
    </message>
    <message>
        <source>Type part of a meter serial and pick it from the list</source>
        <translation>输入表号的一部分，然后从列表中选择</translation>
    </message>
    <message>
        <source>Move the selected readings to this meter (Enter on the row)</source>
        <translation>将所选读数移至此计量表（在行上按 Enter）</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::VeeEngine</name>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1The reading for %2 is %3, more than %4 times both its neighbours (%5 and %6).</source>
        <translation>%1%2 的读数为 %3，超过前后两个相邻读数（%5 和 %6）的 %4 倍。</translation>
    </message>
    <message numerus="yes">
        <source>%n intervals in a row from %1 to %2 read zero: a stopped meter, a disconnected supply or an empty premise?</source>
        <translation>
            <numerusform>从 %1 到 %2 连续 %n 个间隔的读数为零：是计量表停走、供应断开，还是场所空置？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals in a row from %1 to %2 all read %3: a frozen meter or a repeated value?</source>
        <translation>
            <numerusform>从 %1 到 %2 连续 %n 个间隔的读数均为 %3：是计量表冻结，还是数值重复？</numerusform>
        </translation>
    </message>
    <message>
        <source>From %1 to %2 the readings average %3 per interval, about %4 times the %5 of the meter&apos;s previous weeks: values in Wh read as kWh, or a multiplier applied twice?</source>
        <translation>从 %1 到 %2，读数平均每个间隔 %3，约为该计量表前几周平均值（%5）的 %4 倍：是否将 Wh 数值误作 kWh，或倍率被重复应用？</translation>
    </message>
    <message>
        <source>From %1 to %2 the readings average %3 per interval, about 1/%4 of the %5 of the meter&apos;s previous weeks: values in kWh read as Wh, or a current-transformer multiplier not applied?</source>
        <translation>从 %1 到 %2，读数平均每个间隔 %3，约为该计量表前几周平均值（%5）的 1/%4：是否将 kWh 数值误作 Wh，或未应用电流互感器倍率？</translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 read up to %3, more than %4 times the 99th percentile of the meter&apos;s previous weeks (%5).</source>
        <translation>
            <numerusform>从 %1 到 %2 的 %n 个间隔读数最高达 %3，超过该计量表前几周第 99 百分位数（%5）的 %4 倍。</numerusform>
        </translation>
    </message>
    <message>
        <source>The local day %1 totals %2, less than %3% of the meter&apos;s average day in the previous weeks (%4).</source>
        <translation>当地日期 %1 的合计为 %2，不到该计量表前几周日均值（%4）的 %3%。</translation>
    </message>
    <message>
        <source>it could not be estimated and is not stored.</source>
        <translation>无法估算，因此未存储。</translation>
    </message>
    <message>
        <source>it was replaced by an estimate of %1 (%2).</source>
        <translation>已替换为估算值 %1（%2）。</translation>
    </message>
    <message>
        <source>%1The reading for %2 is %3, negative on a channel that is not net-metered; %4</source>
        <translation>%1%2 的读数为 %3，在非净计量通道上出现负值；%4</translation>
    </message>
    <message>
        <source>%1The reading for %2 is %3, above the channel&apos;s limit of %4 per interval; %5</source>
        <translation>%1%2 的读数为 %3，超过了该通道每个间隔 %4 的上限；%5</translation>
    </message>
    <message>
        <source>%1The register fell from %2 to %3 in the interval at %4: a meter reset or exchange, not a rollover; %5</source>
        <translation>%1寄存器在 %4 的间隔内从 %2 降至 %3：这是计量表复位或换表，而非寄存器溢出回零；%5</translation>
    </message>
    <message>
        <source>The intervals from %1 to %2 add up to %3, but the register reads %4 and %5 there, a difference of %6 (tolerance %7).</source>
        <translation>从 %1 到 %2 的各间隔合计为 %3，但寄存器在这两个时刻的读数为 %4 和 %5，差值为 %6（容差 %7）。</translation>
    </message>
    <message>
        <source>The intervals from %1 to %2 add up to %3, but the file states a total of %4 for that period (tolerance %5).</source>
        <translation>从 %1 到 %2 的各间隔合计为 %3，但文件中该期间的合计为 %4（容差 %5）。</translation>
    </message>
    <message>
        <source>The file gives %1 of the %2 intervals of %3 (estimated: %4, still missing: %5).</source>
        <translation>文件提供了 %3 的 %2 个间隔中的 %1 个（估算：%4，仍缺失：%5）。</translation>
    </message>
    <message>
        <source>The file gives %1 of the %2 intervals it covers on %3, a day of %4 intervals (estimated: %5, still missing: %6).</source>
        <translation>%3 当天共有 %4 个间隔，文件覆盖其中 %2 个，实际提供了 %1 个（估算：%5，仍缺失：%6）。</translation>
    </message>
    <message>
        <source>%1The readings are in %2 but the meter&apos;s channel records %3.</source>
        <translation>%1读数单位为 %2，但该计量表通道的计量单位为 %3。</translation>
    </message>
    <message>
        <source>%1The file gives %2-second intervals but the meter records %3-minute intervals.</source>
        <translation>%1文件中的间隔为 %2 秒，但该计量表记录的是 %3 分钟间隔。</translation>
    </message>
    <message>
        <source>%1The reading for %2 lies in the future (it is now %3).</source>
        <translation>%1%2 的读数位于未来（当前时间为 %3）。</translation>
    </message>
    <message>
        <source>%1The reading for %2 covers %3 seconds but the meter records %4-minute intervals.</source>
        <translation>%1%2 的读数覆盖 %3 秒，但该计量表记录的是 %4 分钟间隔。</translation>
    </message>
    <message>
        <source>%1The reading for %2 does not start on the meter&apos;s %3-minute interval grid.</source>
        <translation>%1%2 的读数未对齐该计量表的 %3 分钟间隔网格。</translation>
    </message>
    <message>
        <source>Lines %1 and %2 give different values for the interval at %3: %4 and %5.</source>
        <translation>第 %1 行和第 %2 行为 %3 的间隔给出了不同的值：%4 和 %5。</translation>
    </message>
    <message>
        <source>%1The interval at %2 is given twice with different values: %3 and %4.</source>
        <translation>%1%2 的间隔出现了两次，且值不同：%3 和 %4。</translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 have no register read of their own; the register rose by %3 (from %4 to %5), spread evenly over them.</source>
        <translation>
            <numerusform>从 %1 到 %2 的 %n 个间隔没有各自的寄存器读数；寄存器增加了 %3（从 %4 到 %5），已平均分配到这些间隔。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The file marks all %n of its intervals between %1 and %2 as having no value; nothing is stored.</source>
        <translation>
            <numerusform>文件将 %1 到 %2 之间的全部 %n 个间隔标记为无值；未存储任何内容。</numerusform>
        </translation>
    </message>
    <message>
        <source>The interval at %1 lies in the future (it is now %2); it cannot be edited.</source>
        <translation>%1 的间隔位于未来（当前时间为 %2）；无法修改。</translation>
    </message>
    <message>
        <source>%1 does not start an interval of the meter&apos;s %2-minute grid.</source>
        <translation>%1 不是该计量表 %2 分钟间隔网格中某个间隔的开始时间。</translation>
    </message>
    <message>
        <source>The value %1 for %2 is negative, and the channel is not net-metered.</source>
        <translation>%2 的值 %1 为负数，而该通道不是净计量通道。</translation>
    </message>
    <message>
        <source>The value %1 for %2 is above the channel&apos;s limit of %3 per interval.</source>
        <translation>%2 的值 %1 超过了该通道每个间隔 %3 的上限。</translation>
    </message>
    <message>
        <source>Line %1: </source>
        <translation>第 %1 行：</translation>
    </message>
    <message>
        <source>%1: </source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>linear interpolation</source>
        <translation>线性插值</translation>
    </message>
    <message>
        <source>like days</source>
        <translation>相似日</translation>
    </message>
    <message>
        <source>the same time on the import&apos;s other days</source>
        <translation>本次导入中其他日期的同一时刻</translation>
    </message>
    <message>
        <source>the register reads</source>
        <translation>寄存器读数</translation>
    </message>
    <message numerus="yes">
        <source>%n more findings of the check &quot;%1&quot; are not listed.</source>
        <translation>
            <numerusform>校验项“%1”另有 %n 条结果未列出。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 have no reading; a gap longer than %3 hours is not estimated.</source>
        <translation>
            <numerusform>从 %1 到 %2 的 %n 个间隔没有读数；超过 %3 小时的缺口不做估算。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 have no reading and could not be estimated: the history has no like day and no other day of the import has those times.</source>
        <translation>
            <numerusform>从 %1 到 %2 的 %n 个间隔没有读数，且无法估算：历史数据中没有相似日，本次导入的其他日期也没有这些时刻的数据。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 had no reading; estimated by linear interpolation between %3 and %4 (total %5).</source>
        <translation>
            <numerusform>从 %1 到 %2 的 %n 个间隔没有读数；已在 %3 和 %4 之间通过线性插值估算（合计 %5）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 had no reading; estimated from %3 (total %4).</source>
        <translation>
            <numerusform>从 %1 到 %2 的 %n 个间隔没有读数；已根据%3估算（合计 %4）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The meter&apos;s channel is set to %1-minute intervals; meters record 5, 15, 30 or 60-minute intervals or one reading a day (1440 minutes).</source>
        <translation>该计量表通道设置为 %1 分钟间隔；计量表记录 5、15、30 或 60 分钟的间隔，或每天一个读数（1440 分钟）。</translation>
    </message>
    <message>
        <source>%1The reading for %2 does not start at the start of a local day, where the meter&apos;s daily readings start.</source>
        <translation>%1%2 的读数不是从当地日期的开始时刻开始的，而该计量表的每日读数都从那里开始。</translation>
    </message>
    <message>
        <source>%1The reading for %2 covers %3 seconds, but that local day lasts %4 seconds and the meter records one reading a day.</source>
        <translation>%1%2 的读数覆盖 %3 秒，但这一当地日期长 %4 秒，且该计量表每天只记录一个读数。</translation>
    </message>
    <message>
        <source>%1 is not the start of a local day, where the meter&apos;s daily readings start.</source>
        <translation>%1 不是当地日期的开始时刻，而该计量表的每日读数都从那里开始。</translation>
    </message>
</context>
<context>
    <name>Ud::Rules::AttributeCatalog</name>
    <message>
        <source>The %1 module registers a rule attribute that another module already has: %2</source>
        <translation>模块 %1 注册了另一个模块已有的规则属性：%2</translation>
    </message>
</context>
<context>
    <name>Ud::Rules::AttributeRegistry</name>
    <message>
        <source>The rule attribute &quot;%1&quot; is registered twice.</source>
        <translation>规则属性“%1”被注册了两次。</translation>
    </message>
</context>
<context>
    <name>Ud::Rules::AttributeSql</name>
    <message>
        <source>An attribute&apos;s SQL units per whole must divide 1000000 (got %1); use 1, 100 or 1000000.</source>
        <translation>属性的 SQL 每单位份数必须能整除 1000000（当前为 %1）；请使用 1、100 或 1000000。</translation>
    </message>
</context>
<context>
    <name>Ud::Rules::RuleChecker</name>
    <message>
        <source>&quot;%1&quot; is not something a customer can have; use one of: %2.</source>
        <translation>“%1”不是客户可以拥有的项目；请使用以下之一：%2。</translation>
    </message>
    <message>
        <source>&quot;has %1&quot; takes the %1&apos;s name in quotes.</source>
        <translation>“has %1”需要用引号括起的 %1 名称。</translation>
    </message>
    <message>
        <source>&quot;has %1&quot; takes the %1&apos;s name in quotes, such as &quot;%2&quot;.</source>
        <translation>“has %1”需要用引号括起的 %1 名称，例如 &quot;%2&quot;。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a known %2; use one of: %3.</source>
        <translation>“%1”不是已知的 %2；请使用以下之一：%3。</translation>
    </message>
    <message>
        <source>text in quotes, such as &quot;smith&quot;</source>
        <translation>用引号括起的文本，例如 &quot;smith&quot;</translation>
    </message>
    <message>
        <source>a whole number, such as 3</source>
        <translation>整数，例如 3</translation>
    </message>
    <message>
        <source>a number, such as 500 or 0.25</source>
        <translation>数字，例如 500 或 0.25</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>a date written YYYY-MM-DD, such as 2024-01-31</source>
        <translation>按 YYYY-MM-DD 书写的日期，例如 2024-01-31</translation>
    </message>
    <message>
        <source>one of: %1</source>
        <translation>以下之一：%1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a known attribute.</source>
        <translation>“%1”不是已知的属性。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a known attribute; did you mean &quot;%2&quot;?</source>
        <translation>“%1”不是已知的属性；您是指“%2”吗？</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes no period; remove &quot;(%2)&quot;.</source>
        <translation>“%1”不接受时间段；请删除“(%2)”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a period, such as %1(last 12 months).</source>
        <translation>“%1”需要一个时间段，例如 %1(last 12 months)。</translation>
    </message>
    <message>
        <source>&quot;matches&quot; works on text, and &quot;%1&quot; takes %2.</source>
        <translation>“matches”只适用于文本，而“%1”接受%2。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; can only be compared with =, != or in.</source>
        <translation>“%1”只能用 =、!= 或 in 比较。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes %2, not %3.</source>
        <translation>“%1”接受%2，而不是 %3。</translation>
    </message>
    <message>
        <source>%1 is not a value of &quot;%2&quot;; use one of: %3.</source>
        <translation>%1 不是“%2”的取值；请使用以下之一：%3。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes a period of %2 to %3 whole months (a year is 12 months), not &quot;%4&quot;.</source>
        <translation>&quot;%1&quot; 的期间应为 %2 到 %3 个整月（一年为 12 个月），而不是 &quot;%4&quot;。</translation>
    </message>
</context>
<context>
    <name>Ud::Rules::RuleJson</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>空</translation>
    </message>
    <message>
        <source>not a known key here; use %1.</source>
        <translation>此处不是已知的键；请使用 %1。</translation>
    </message>
    <message>
        <source>expected a whole number; write decimals as {&quot;decimal&quot;: &quot;0.25&quot;}, not %1.</source>
        <translation>应为整数；小数请写成 {&quot;decimal&quot;: &quot;0.25&quot;}，而不是 %1。</translation>
    </message>
    <message>
        <source>expected decimal text with at most 6 decimals, such as &quot;0.245&quot;, not %1.</source>
        <translation>应为最多 6 位小数的十进制文本，例如 &quot;0.245&quot;，而不是 %1。</translation>
    </message>
    <message>
        <source>expected a date written YYYY-MM-DD, not %1.</source>
        <translation>应为按 YYYY-MM-DD 书写的日期，而不是 %1。</translation>
    </message>
    <message>
        <source>expected a value: text, a whole number, true, false, {&quot;decimal&quot;: &quot;0.25&quot;} or {&quot;date&quot;: &quot;2024-01-31&quot;}, not %1.</source>
        <translation>应为一个值：文本、整数、true、false、{&quot;decimal&quot;: &quot;0.25&quot;} 或 {&quot;date&quot;: &quot;2024-01-31&quot;}，而不是 %1。</translation>
    </message>
    <message>
        <source>expected a period such as {&quot;last&quot;: 12, &quot;unit&quot;: &quot;months&quot;}, not %1.</source>
        <translation>应为时间段，例如 {&quot;last&quot;: 12, &quot;unit&quot;: &quot;months&quot;}，而不是 %1。</translation>
    </message>
    <message>
        <source>expected a whole number from 1 to 1000, not %1.</source>
        <translation>应为 1 到 1000 之间的整数，而不是 %1。</translation>
    </message>
    <message>
        <source>expected &quot;days&quot;, &quot;months&quot; or &quot;years&quot;, not %1.</source>
        <translation>应为 &quot;days&quot;、&quot;months&quot; 或 &quot;years&quot;，而不是 %1。</translation>
    </message>
    <message>
        <source>expected a rule { ... }, not %1.</source>
        <translation>应为规则 { ... }，而不是 %1。</translation>
    </message>
    <message>
        <source>expected a list of two or more rules, not %1.</source>
        <translation>应为包含两条或更多规则的列表，而不是 %1。</translation>
    </message>
    <message>
        <source>expected a kind in quotes, such as &quot;appliance&quot;, not %1.</source>
        <translation>应为用引号括起的类别，例如 &quot;appliance&quot;，而不是 %1。</translation>
    </message>
    <message>
        <source>expected one of the keys &quot;and&quot;, &quot;or&quot;, &quot;not&quot;, &quot;has&quot; or &quot;attribute&quot;.</source>
        <translation>应为以下键之一：&quot;and&quot;、&quot;or&quot;、&quot;not&quot;、&quot;has&quot; 或 &quot;attribute&quot;。</translation>
    </message>
    <message>
        <source>expected an attribute name in quotes, such as &quot;class&quot;, not %1.</source>
        <translation>应为用引号括起的属性名，例如 &quot;class&quot;，而不是 %1。</translation>
    </message>
    <message>
        <source>expected one of =, !=, &lt;, &lt;=, &gt;, &gt;=, in, between, matches, not %1.</source>
        <translation>应为 =、!=、&lt;、&lt;=、&gt;、&gt;=、in、between、matches 之一，而不是 %1。</translation>
    </message>
    <message>
        <source>expected a list of one or more values, not %1.</source>
        <translation>应为包含一个或多个值的列表，而不是 %1。</translation>
    </message>
    <message>
        <source>expected a list of two values, the lower and upper bound, not %1.</source>
        <translation>应为包含两个值（下限和上限）的列表，而不是 %1。</translation>
    </message>
    <message>
        <source>expected a list of one value, not %1.</source>
        <translation>应为只包含一个值的列表，而不是 %1。</translation>
    </message>
</context>
<context>
    <name>Ud::Rules::RuleParser</name>
    <message>
        <source>the text in quotes is not closed; add the closing &quot;.</source>
        <translation>引号中的文本没有结束；请添加结束的 &quot;。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date; write dates as YYYY-MM-DD, such as 2024-01-31.</source>
        <translation>“%1”不是日期；日期请写成 YYYY-MM-DD，例如 2024-01-31。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number; write numbers such as 500 or 0.25 (at most 6 decimals), and dates as YYYY-MM-DD.</source>
        <translation>“%1”不是数字；数字请写成 500 或 0.25 这样的形式（最多 6 位小数），日期写成 YYYY-MM-DD。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not part of the rule language; put text in quotes.</source>
        <translation>“%1”不属于规则语言；文本请放在引号中。</translation>
    </message>
    <message>
        <source>expected &quot;and&quot;, &quot;or&quot; or the end of the rule, not %1.</source>
        <translation>此处应为 &quot;and&quot;、&quot;or&quot; 或规则结尾，而不是 %1。</translation>
    </message>
    <message>
        <source>the end of the rule</source>
        <translation>规则结尾</translation>
    </message>
    <message>
        <source>expected &quot;)&quot; to close the &quot;(&quot; at position %1, not %2.</source>
        <translation>应为 &quot;)&quot; 以闭合第 %1 个字符处的 &quot;(&quot;，而不是 %2。</translation>
    </message>
    <message>
        <source>expected what the customer has after &quot;has&quot; (%1), not %2.</source>
        <translation>&quot;has&quot; 之后应为客户拥有的项目类别（%1），而不是 %2。</translation>
    </message>
    <message>
        <source>expected a value after &quot;%1&quot;, such as &quot;residential&quot; or 500.</source>
        <translation>&quot;%1&quot; 之后应为一个值，例如 &quot;residential&quot; 或 500。</translation>
    </message>
    <message>
        <source>expected a condition such as class = &quot;residential&quot;, &quot;not&quot; or &quot;(&quot;, not %1.</source>
        <translation>应为条件（例如 class = &quot;residential&quot;）、&quot;not&quot; 或 &quot;(&quot;，而不是 %1。</translation>
    </message>
    <message>
        <source>expected &quot;(&quot; after &quot;in&quot;, as in region in (&quot;north&quot;, &quot;south&quot;).</source>
        <translation>&quot;in&quot; 之后应为 &quot;(&quot;，例如 region in (&quot;north&quot;, &quot;south&quot;)。</translation>
    </message>
    <message>
        <source>expected &quot;,&quot; or &quot;)&quot; in the list after &quot;in&quot;, not %1.</source>
        <translation>&quot;in&quot; 之后的列表中应为 &quot;,&quot; 或 &quot;)&quot;，而不是 %1。</translation>
    </message>
    <message>
        <source>expected &quot;and&quot; between the two bounds of &quot;between&quot;, as in household_size between 2 and 4.</source>
        <translation>&quot;between&quot; 的两个边界之间应为 &quot;and&quot;，例如 household_size between 2 and 4。</translation>
    </message>
    <message>
        <source>expected text in quotes after &quot;matches&quot;, such as &quot;smith&quot;.</source>
        <translation>&quot;matches&quot; 之后应为用引号括起的文本，例如 &quot;smith&quot;。</translation>
    </message>
    <message>
        <source>expected an operator after &quot;%1&quot; (=, !=, &lt;, &lt;=, &gt;, &gt;=, in, between or matches), not %2.</source>
        <translation>&quot;%1&quot; 之后应为运算符（=、!=、&lt;、&lt;=、&gt;、&gt;=、in、between 或 matches），而不是 %2。</translation>
    </message>
    <message>
        <source>a period such as &quot;last 12 months&quot;</source>
        <translation>时间段，例如 &quot;last 12 months&quot;</translation>
    </message>
    <message>
        <source>expected %1 after &quot;(&quot;, not %2.</source>
        <translation>&quot;(&quot; 之后应为%1，而不是 %2。</translation>
    </message>
    <message>
        <source>expected a whole number of days, months or years from 1 to 1000 after &quot;last&quot;, not %1.</source>
        <translation>&quot;last&quot; 之后应为 1 到 1000 之间的天数、月数或年数，而不是 %1。</translation>
    </message>
    <message>
        <source>expected &quot;days&quot;, &quot;months&quot; or &quot;years&quot; after &quot;last %1&quot;, not %2.</source>
        <translation>&quot;last %1&quot; 之后应为 &quot;days&quot;、&quot;months&quot; 或 &quot;years&quot;，而不是 %2。</translation>
    </message>
    <message>
        <source>expected &quot;)&quot; after &quot;last %1 %2&quot;, not %3.</source>
        <translation>&quot;last %1 %2&quot; 之后应为 &quot;)&quot;，而不是 %3。</translation>
    </message>
    <message>
        <source>Position %1: %2</source>
        <translation>第 %1 个字符：%2</translation>
    </message>
</context>
<context>
    <name>Ud::Rules::RuleSql</name>
    <message>
        <source>The rule uses &quot;%1&quot;, which is not a known attribute; check its spelling.</source>
        <translation>规则使用了“%1”，这不是已知的属性；请检查拼写。</translation>
    </message>
    <message>
        <source>The attribute &quot;%1&quot; cannot be read from the database, so a rule using it cannot select customers there; take it out of the rule.</source>
        <translation>无法从数据库读取属性“%1”，因此使用它的规则无法在数据库中选择客户；请将其从规则中删除。</translation>
    </message>
    <message>
        <source>The rule uses &quot;has %1&quot;, which is not a known kind of list; check its spelling.</source>
        <translation>规则使用了“has %1”，这不是已知的列表类型；请检查拼写。</translation>
    </message>
    <message>
        <source>The list &quot;%1&quot; cannot be read from the database, so a rule using &quot;has %1&quot; cannot select customers there; take it out of the rule.</source>
        <translation>无法从数据库读取列表“%1”，因此使用“has %1”的规则无法在数据库中选择客户；请将其从规则中删除。</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::DistributionView</name>
    <message>
        <source>Counting…</source>
        <translation>正在计数…</translation>
    </message>
    <message>
        <source>Could not chart the attribute: %1</source>
        <translation>无法为该属性绘制图表：%1</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>%1 to under %2</source>
        <translation>%1 至不足 %2</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Members by %1, today</source>
        <translation>按%1划分的成员（今天）</translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) charted.</source>
        <translation>
            <numerusform>已绘制 %Ln 个成员的图表。</numerusform>
        </translation>
    </message>
    <message>
        <source>C&amp;hart attribute:</source>
        <translation>图表属性(&amp;H)：</translation>
    </message>
    <message>
        <source>Show as ta&amp;ble</source>
        <translation>以表格显示(&amp;B)</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::FunnelModel</name>
    <message>
        <source>All customers</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <source>Members (with the include and exclude lists)</source>
        <translation>成员（含包含列表和排除列表）</translation>
    </message>
    <message>
        <source>%1: %2 true, %3 false, %4 unknown on their own</source>
        <translation>%1：单独计算时 %2 个为真，%3 个为假，%4 个未知</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Still in</source>
        <translation>仍在其中</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>True alone</source>
        <translation>单独为真</translation>
    </message>
    <message>
        <source>False alone</source>
        <translation>单独为假</translation>
    </message>
    <message>
        <source>Unknown alone</source>
        <translation>单独未知</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::PreviewModel</name>
    <message>
        <source>Customer number</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::RuleTreeModel</name>
    <message>
        <source>All of (and)</source>
        <translation>全部满足(与)</translation>
    </message>
    <message>
        <source>Any of (or)</source>
        <translation>任一满足(或)</translation>
    </message>
    <message>
        <source>Not</source>
        <translation>非</translation>
    </message>
    <message>
        <source>Enter one value, such as %1.</source>
        <translation>请输入一个值，例如 %1。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>运算符</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentBuilderPage</name>
    <message>
        <source>Could not list the members: %1</source>
        <translation>无法列出成员：%1</translation>
    </message>
    <message>
        <source>The rule cannot be saved yet: %1</source>
        <translation>规则暂时无法保存：%1</translation>
    </message>
    <message>
        <source>The segment has no rule yet: add a condition, then save.</source>
        <translation>该分群还没有规则：请添加一个条件，然后保存。</translation>
    </message>
    <message>
        <source>No rule yet. Add a condition to the tree, or type a rule such as %1.</source>
        <translation>尚无规则。请向树中添加条件，或输入规则，例如 %1。</translation>
    </message>
    <message>
        <source>&amp;Add condition</source>
        <translation>添加条件(&amp;A)</translation>
    </message>
    <message>
        <source>Could not work out the funnel: %1</source>
        <translation>无法计算漏斗：%1</translation>
    </message>
    <message>
        <source>No rule yet</source>
        <translation>尚无规则</translation>
    </message>
    <message>
        <source>Could not count: %1</source>
        <translation>无法计数：%1</translation>
    </message>
    <message numerus="yes">
        <source>Counting… (was %Ln member(s))</source>
        <translation>
            <numerusform>正在计数…（之前为 %Ln 个成员）</numerusform>
        </translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在计数…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) for the last valid rule, not the text shown</source>
        <translation>
            <numerusform>最后一条有效规则有 %Ln 个成员（并非当前所示文本的结果）</numerusform>
        </translation>
    </message>
    <message>
        <source>No count: the rule does not read yet</source>
        <translation>无计数：规则尚无法解析</translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s)</source>
        <translation>
            <numerusform>%Ln 个成员</numerusform>
        </translation>
    </message>
    <message>
        <source>Condition &amp;tree:</source>
        <translation>条件树(&amp;T)：</translation>
    </message>
    <message>
        <source>Add &amp;condition</source>
        <translation>添加条件(&amp;C)</translation>
    </message>
    <message>
        <source>Add a condition to the selected group (%1)</source>
        <translation>向所选组添加条件（%1）</translation>
    </message>
    <message>
        <source>Add a&amp;ll-of group</source>
        <translation>添加“全部满足”组(&amp;L)</translation>
    </message>
    <message>
        <source>A group whose conditions must all be true (and)</source>
        <translation>所有条件都必须为真的组（and）</translation>
    </message>
    <message>
        <source>Add an&amp;y-of group</source>
        <translation>添加“任一满足”组(&amp;Y)</translation>
    </message>
    <message>
        <source>A group of which one condition is enough (or)</source>
        <translation>满足其中一个条件即可的组（or）</translation>
    </message>
    <message>
        <source>&amp;Not</source>
        <translation>非(&amp;N)</translation>
    </message>
    <message>
        <source>Turn the selected condition or group into its opposite, or back</source>
        <translation>将所选条件或组取反，或恢复原样</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Remove the selected condition or group (%1)</source>
        <translation>删除所选条件或组（%1）</translation>
    </message>
    <message>
        <source>&amp;Rule:</source>
        <translation>规则(&amp;R)：</translation>
    </message>
    <message>
        <source>Type a rule, such as %1</source>
        <translation>输入规则，例如 %1</translation>
    </message>
    <message>
        <source>&amp;Funnel: customers still in after each condition</source>
        <translation>漏斗：每个条件之后仍在其中的客户(&amp;F)</translation>
    </message>
    <message>
        <source>L&amp;ist of members: loading…</source>
        <translation>成员列表：正在加载(&amp;I)…</translation>
    </message>
    <message>
        <source>L&amp;ist of members: %1 shown by name; scroll for more</source>
        <translation>成员列表：按名称显示 %1 个；滚动可查看更多(&amp;I)</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentListMembersModel</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Control</source>
        <translation>对照</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentListModel</name>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every %n hour(s)</source>
        <translation>
            <numerusform>每 %n 小时</numerusform>
        </translation>
    </message>
    <message>
        <source>On demand</source>
        <translation>按需</translation>
    </message>
    <message>
        <source>%1 (archived)</source>
        <translation>%1（已归档）</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Archived: not refreshed on a schedule and not usable in other segments&apos; rules; restore it to use it again</source>
        <translation>已归档：不会按计划刷新，也不能在其他分群的规则中使用；恢复后即可再次使用</translation>
    </message>
    <message>
        <source>Never refreshed: refresh the segment to compute its members</source>
        <translation>从未刷新：请刷新该分群以计算其成员</translation>
    </message>
    <message>
        <source>Computed from version %1; refresh to use version %2</source>
        <translation>根据版本 %1 计算；刷新后将使用版本 %2</translation>
    </message>
    <message>
        <source>At the last refresh, from version %1</source>
        <translation>上次刷新时根据版本 %1 计算</translation>
    </message>
    <message>
        <source>Never refreshed: the segment has no stored members yet</source>
        <translation>从未刷新：该分群尚无已存储的成员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Of which control</source>
        <translation>其中对照组</translation>
    </message>
    <message>
        <source>Control %</source>
        <translation>对照组 %</translation>
    </message>
    <message>
        <source>Last refreshed</source>
        <translation>上次刷新</translation>
    </message>
    <message>
        <source>Refreshed by</source>
        <translation>刷新者</translation>
    </message>
    <message>
        <source>Refresh interval</source>
        <translation>刷新间隔</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentListPage</name>
    <message>
        <source>No members of this group in your region at the last refresh.</source>
        <translation>上次刷新时，您所在区域中没有该组的成员。</translation>
    </message>
    <message>
        <source>No members of this group at the last refresh.</source>
        <translation>上次刷新时，该组没有成员。</translation>
    </message>
    <message>
        <source> (%1 group)</source>
        <translation> (%1组)</translation>
    </message>
    <message>
        <source>Members of “%1”%2: %3, showing %4</source>
        <translation>“%1”%2的成员：%3，显示 %4</translation>
    </message>
    <message>
        <source>You may not %1; ask an administrator for a role that may.</source>
        <translation>您无权%1；请向管理员申请具有该权限的角色。</translation>
    </message>
    <message>
        <source>Every saved segment is archived. Tick “Show archived” to see them.</source>
        <translation>所有已保存的分群均已归档。勾选“显示已归档”即可查看。</translation>
    </message>
    <message>
        <source>Show &amp;archived</source>
        <translation>显示已归档(&amp;A)</translation>
    </message>
    <message>
        <source>No saved segments yet — build one in the segment builder.</source>
        <translation>尚无已保存的分群——请在分群构建器中创建一个。</translation>
    </message>
    <message>
        <source>No saved segments yet — build one in the segment builder (%1).</source>
        <translation>尚无已保存的分群——请在分群构建器中创建一个（%1）。</translation>
    </message>
    <message>
        <source>&amp;Open the Segment Builder</source>
        <translation>打开分群构建器(&amp;O)</translation>
    </message>
    <message>
        <source>No saved segments yet. Someone who may %1 can build them in the segment builder.</source>
        <translation>尚无已保存的分群。有权%1的用户可以在分群构建器中创建分群。</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s), %1 selected</source>
        <translation>
            <numerusform>共 %n 个分群，已选择 %1 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n 个分群</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Select a segment first.</source>
        <translation>请先选择一个分群。</translation>
    </message>
    <message>
        <source>A refresh is running; wait for it or cancel it.</source>
        <translation>正在刷新；请等待刷新完成或将其取消。</translation>
    </message>
    <message>
        <source>Archived segments are not refreshed; restore it first.</source>
        <translation>已归档的分群不会刷新；请先将其恢复。</translation>
    </message>
    <message>
        <source>Compute the members of the selected segments again, one after another</source>
        <translation>依次重新计算所选分群的成员</translation>
    </message>
    <message>
        <source>Refresh every segment whose refresh interval has passed</source>
        <translation>刷新所有已超过刷新间隔的分群</translation>
    </message>
    <message>
        <source>An export is running; wait for it to finish.</source>
        <translation>正在导出；请等待导出完成。</translation>
    </message>
    <message>
        <source>Write the members of the segment to a CSV file: all, the test group or the control group</source>
        <translation>将分群成员写入 CSV 文件：全部成员、测试组或对照组</translation>
    </message>
    <message>
        <source>Restore the segment first.</source>
        <translation>请先恢复该分群。</translation>
    </message>
    <message>
        <source>Refresh the segment on a schedule every so many hours, or only on demand</source>
        <translation>按计划每隔若干小时刷新该分群，或仅按需刷新</translation>
    </message>
    <message>
        <source>Give the segment another name; segments that refer to it follow</source>
        <translation>为该分群改名；引用它的分群会随之更新</translation>
    </message>
    <message>
        <source>Re&amp;store</source>
        <translation>恢复(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>归档(&amp;A)</translation>
    </message>
    <message>
        <source>List the segment again and let it be refreshed and used in rules</source>
        <translation>重新列出该分群，使其可以刷新并在规则中使用</translation>
    </message>
    <message>
        <source>Hide the segment: it is no longer refreshed or usable in other segments&apos; rules</source>
        <translation>隐藏该分群：它将不再刷新，也不能在其他分群的规则中使用</translation>
    </message>
    <message>
        <source>Edit the segment&apos;s rule in the segment builder (Enter)</source>
        <translation>在分群构建器中编辑该分群的规则（Enter）</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Select a segment to see its members.</source>
        <translation>选择一个分群以查看其成员。</translation>
    </message>
    <message>
        <source>No segment to show members of.</source>
        <translation>没有可显示成员的分群。</translation>
    </message>
    <message>
        <source>Members of “%1”</source>
        <translation>“%1”的成员</translation>
    </message>
    <message>
        <source>“%1” was never refreshed, so it has no stored members yet.</source>
        <translation>“%1”从未刷新，因此尚无已存储的成员。</translation>
    </message>
    <message>
        <source>&amp;Refresh now</source>
        <translation>立即刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Refreshing the segments due</source>
        <translation>正在刷新到期的分群</translation>
    </message>
    <message>
        <source>Refreshing “%1”</source>
        <translation>正在刷新“%1”</translation>
    </message>
    <message numerus="yes">
        <source>Refreshing %n segment(s)</source>
        <translation>
            <numerusform>正在刷新 %n 个分群</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” could not be refreshed: %2</source>
        <translation>无法刷新“%1”：%2</translation>
    </message>
    <message numerus="yes">
        <source>The refresh was cancelled after %1 of %n segment(s); the segments refreshed keep their new members.</source>
        <translation>
            <numerusform>刷新已在完成 %1 个分群（共 %n 个）后取消；已刷新的分群保留其新成员。</numerusform>
        </translation>
    </message>
    <message>
        <source>No segment was due for a refresh: every refresh interval is still running.</source>
        <translation>没有需要刷新的分群：所有刷新间隔均尚未届满。</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s) due were refreshed.</source>
        <translation>
            <numerusform>已刷新 %n 个到期的分群。</numerusform>
        </translation>
    </message>
    <message>
        <source>The refresh stopped: %1 The segments refreshed before keep their new members.</source>
        <translation>刷新已停止：%1 之前已刷新的分群保留其新成员。</translation>
    </message>
    <message>
        <source>Cancelling after the segment being refreshed…</source>
        <translation>将在当前分群刷新完成后取消…</translation>
    </message>
    <message>
        <source>Refreshing segment %1 of %2…</source>
        <translation>正在刷新第 %1 个分群，共 %2 个…</translation>
    </message>
    <message>
        <source>Select the segment to export first.</source>
        <translation>请先选择要导出的分群。</translation>
    </message>
    <message>
        <source>Export Segment Members</source>
        <translation>导出分群成员</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exporting “%1”</source>
        <translation>正在导出“%1”</translation>
    </message>
    <message>
        <source>Could not write the file %1: %2. Choose a folder you may write to.</source>
        <translation>无法写入文件 %1：%2。请选择您有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>Could not finish the file %1: %2. Check the free space and try again.</source>
        <translation>无法完成文件 %1：%2。请检查可用空间后重试。</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n 个成员</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test group member(s)</source>
        <translation>
            <numerusform>%n 个测试组成员</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n control group member(s)</source>
        <translation>
            <numerusform>%n 个对照组成员</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported %1 of “%2” to %3</source>
        <translation>已将“%2”的%1导出到 %3</translation>
    </message>
    <message>
        <source>“%1” was not exported: %2</source>
        <translation>未导出“%1”：%2</translation>
    </message>
    <message>
        <source>Enter a name for the segment, 1 to %1 characters.</source>
        <translation>请输入分群名称，长度为 1 到 %1 个字符。</translation>
    </message>
    <message>
        <source>The name has %1 characters; shorten it to at most %2.</source>
        <translation>名称有 %1 个字符；请缩短至最多 %2 个字符。</translation>
    </message>
    <message>
        <source>An archived segment is called “%1”; choose another name.</source>
        <translation>已有名为“%1”的已归档分群；请另选一个名称。</translation>
    </message>
    <message>
        <source>A segment called “%1” already exists; choose another name.</source>
        <translation>名为“%1”的分群已存在；请另选一个名称。</translation>
    </message>
    <message>
        <source>New &amp;name for “%1”:</source>
        <translation>“%1”的新名称(&amp;N)：</translation>
    </message>
    <message>
        <source>The segment was not renamed: %1</source>
        <translation>未重命名分群：%1</translation>
    </message>
    <message>
        <source>Refresh “%1” &amp;when:</source>
        <translation>“%1”的刷新时间(&amp;W)：</translation>
    </message>
    <message>
        <source>The refresh interval was not changed: %1</source>
        <translation>未更改刷新间隔：%1</translation>
    </message>
    <message>
        <source>“%1” is archived.</source>
        <translation>“%1”已归档。</translation>
    </message>
    <message>
        <source>“%1” is archived; tick “Show archived” to see it.</source>
        <translation>“%1”已归档；勾选“显示已归档”即可查看。</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>The segment was not restored: %1</source>
        <translation>未恢复分群：%1</translation>
    </message>
    <message>
        <source>The segment was not archived: %1</source>
        <translation>未归档分群：%1</translation>
    </message>
    <message>
        <source>&amp;Refresh Now</source>
        <translation>立即刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Refresh &amp;Due</source>
        <translation>刷新到期项(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Export Members</source>
        <translation>导出成员(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;All Members to CSV…</source>
        <translation>全部成员导出为 CSV(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Test Group to CSV…</source>
        <translation>测试组导出为 CSV(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Control Group to CSV…</source>
        <translation>对照组导出为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Refresh &amp;Interval…</source>
        <translation>刷新间隔(&amp;I)…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>重命名(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open in Builder</source>
        <translation>在构建器中打开(&amp;O)</translation>
    </message>
    <message>
        <source>Show arc&amp;hived</source>
        <translation>显示已归档(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>重命名(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>On demand only</source>
        <translation>仅按需</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>每</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>&amp;Set</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Stop after the segment being refreshed; the segments refreshed keep their new members</source>
        <translation>在当前分群刷新完成后停止；已刷新的分群保留其新成员</translation>
    </message>
    <message>
        <source>Saved &amp;segments:</source>
        <translation>已保存的分群(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>组(&amp;G)：</translation>
    </message>
    <message>
        <source>Saved segments</source>
        <translation>已保存的分群</translation>
    </message>
    <message>
        <source>&amp;Refresh Segments Now</source>
        <translation>立即刷新分群(&amp;R)</translation>
    </message>
    <message>
        <source>Refresh Segments &amp;Due</source>
        <translation>刷新到期的分群(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Export Segment Members…</source>
        <translation>导出分群成员(&amp;E)…</translation>
    </message>
    <message>
        <source>Segment Refresh &amp;Interval…</source>
        <translation>分群刷新间隔(&amp;I)…</translation>
    </message>
    <message>
        <source>Re&amp;name Segment…</source>
        <translation>重命名分群(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Archive or Restore Segment</source>
        <translation>归档或恢复分群(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Open Segment in Builder</source>
        <translation>在构建器中打开分群(&amp;O)</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentQuery</name>
    <message>
        <source>A preview page holds 1 to 1,000 customers, not %1.</source>
        <translation>一个预览页可容纳 1 到 1,000 个客户，而不是 %1 个。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a known attribute; pick one from the list to chart.</source>
        <translation>“%1”不是已知属性；请从列表中选择一个属性来绘制图表。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be charted; pick a text, number or yes/no attribute.</source>
        <translation>无法为“%1”绘制图表；请选择文本、数字或是/否类型的属性。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is an aggregate: choose the period to chart it over, such as the last 12 months.</source>
        <translation>“%1”是聚合属性：请选择绘制图表所用的期间，例如最近 12 个月。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes no period.</source>
        <translation>“%1”不需要期间。</translation>
    </message>
    <message>
        <source>A chart has 2 to 50 bars, not %1.</source>
        <translation>图表应有 2 到 50 个柱，而不是 %1 个。</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentReferences</name>
    <message>
        <source>The rule refers to the segment &quot;%1&quot;, which no longer exists or is archived; take &quot;has segment &quot;%1&quot;&quot; out of the rule.</source>
        <translation>规则引用了分群“%1”，该分群已不存在或已归档；请从规则中删除 &quot;has segment &quot;%1&quot;&quot;。</translation>
    </message>
    <message>
        <source>The rule makes segments include themselves: %1. Take one of these references out.</source>
        <translation>该规则使分群包含其自身：%1。请删除其中一个引用。</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentService</name>
    <message>
        <source>Name: enter a name for the segment, 1 to %1 characters.</source>
        <translation>名称：请输入分群名称，长度为 1 到 %1 个字符。</translation>
    </message>
    <message>
        <source>Name: the name has %1 characters; shorten it to at most %2.</source>
        <translation>名称：名称有 %1 个字符；请缩短至最多 %2 个字符。</translation>
    </message>
    <message>
        <source>There is no segment called &quot;%1&quot;.</source>
        <translation>不存在名为“%1”的分群。</translation>
    </message>
    <message>
        <source>Control percent: %1 is not a percentage; enter a whole number from 0 to 100.</source>
        <translation>对照组百分比：%1 不是百分比；请输入 0 到 100 之间的整数。</translation>
    </message>
    <message>
        <source>Description: the description has %1 characters; shorten it to at most %2.</source>
        <translation>描述：描述有 %1 个字符；请缩短至最多 %2 个字符。</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a customer id.</source>
        <translation>%1：&quot;%2&quot; 不是客户 ID。</translation>
    </message>
    <message>
        <source>Include list</source>
        <translation>包含列表</translation>
    </message>
    <message>
        <source>Exclude list</source>
        <translation>排除列表</translation>
    </message>
    <message>
        <source>%1: there is no customer with the id %2; take it off the list.</source>
        <translation>%1：不存在 ID 为 %2 的客户；请将其从列表中删除。</translation>
    </message>
    <message>
        <source>The segment &quot;%1&quot; is archived; restore it before saving a new version, or choose another name.</source>
        <translation>分群“%1”已归档；请先恢复它再保存新版本，或选择其他名称。</translation>
    </message>
    <message>
        <source>The segment &quot;%1&quot; has no version %2; its versions are 1 to %3.</source>
        <translation>分群“%1”没有版本 %2；其版本为 1 到 %3。</translation>
    </message>
    <message>
        <source>Name: a segment called &quot;%1&quot; already exists; choose another name.</source>
        <translation>名称：名为“%1”的分群已存在；请选择其他名称。</translation>
    </message>
    <message>
        <source>The segment &quot;%1&quot; is part of the segments %2; take it out of their rules before archiving it.</source>
        <translation>分群“%1”是分群 %2 的一部分；请先从这些分群的规则中移除它，再将其归档。</translation>
    </message>
    <message>
        <source>Another segment is called &quot;%1&quot;; rename one of them first.</source>
        <translation>另一个分群也叫“%1”；请先重命名其中一个。</translation>
    </message>
    <message>
        <source>Refresh interval: %1 hours is not an interval; enter a whole number of hours from 1 to %2, or none for refreshing on demand only.</source>
        <translation>刷新间隔：%1 小时不是有效的间隔；请输入 1 到 %2 之间的整数小时数，或输入 none 表示仅按需刷新。</translation>
    </message>
    <message>
        <source>The segment was removed while it was being refreshed.</source>
        <translation>分群在刷新过程中已被删除。</translation>
    </message>
    <message>
        <source>The segment &quot;%1&quot; is archived; restore it to refresh it.</source>
        <translation>分群“%1”已归档；请先恢复它再刷新。</translation>
    </message>
    <message>
        <source>Could not write the export of &quot;%1&quot;: %2.</source>
        <translation>无法写入“%1”的导出文件：%2。</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentStoreBar</name>
    <message>
        <source>Enter a name for the segment, up to 80 characters.</source>
        <translation>请输入分群名称，最多 80 个字符。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Version %1 saved.</source>
        <translation>版本 %1 已保存。</translation>
    </message>
    <message>
        <source>No change since version %1: nothing was saved.</source>
        <translation>自版本 %1 以来没有更改：未保存任何内容。</translation>
    </message>
    <message>
        <source>Could not save the segment: %1</source>
        <translation>无法保存分群：%1</translation>
    </message>
    <message>
        <source>New segment</source>
        <translation>新分群</translation>
    </message>
    <message>
        <source>Could not list the saved segments: %1</source>
        <translation>无法列出已保存的分群：%1</translation>
    </message>
    <message>
        <source>Version %1, the current one.</source>
        <translation>版本 %1，即当前版本。</translation>
    </message>
    <message>
        <source>Version %1 of %2: saving makes it the current one again.</source>
        <translation>版本 %1（共 %2 个）：保存后将其重新设为当前版本。</translation>
    </message>
    <message>
        <source>Could not open the segment: %1</source>
        <translation>无法打开分群：%1</translation>
    </message>
    <message>
        <source>Version %1, saved by %2 on %3</source>
        <translation>版本 %1，由 %2 于 %3 保存</translation>
    </message>
    <message>
        <source>&amp;Open:</source>
        <translation>打开(&amp;O)：</translation>
    </message>
    <message>
        <source>A saved segment to edit (%1)</source>
        <translation>要编辑的已保存分群（%1）</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>版本(&amp;V)：</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>名称(&amp;M)：</translation>
    </message>
    <message>
        <source>Descri&amp;ption:</source>
        <translation>描述(&amp;P)：</translation>
    </message>
    <message>
        <source>Control &amp;group:</source>
        <translation>对照组(&amp;G)：</translation>
    </message>
    <message>
        <source>The share of members held back from a campaign to measure it</source>
        <translation>为衡量营销活动效果而不参与该活动的成员比例</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the segment; a changed definition becomes a new version (%1)</source>
        <translation>保存分群；更改后的定义将成为新版本（%1）</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentsUiModule</name>
    <message>
        <source>Segment builder</source>
        <translation>分群构建器</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::AdminUiModule</name>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::AuditLogModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::AuditPage</name>
    <message>
        <source>The audit log could not be loaded: %1</source>
        <translation>无法加载审计日志：%1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>重试(&amp;Y)</translation>
    </message>
    <message>
        <source>The audit log has no entries yet.</source>
        <translation>审计日志中还没有记录。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries (%1 loaded)</source>
        <translation>
            <numerusform>%Ln 条记录（已加载 %1 条）</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an entry to see the record before and after the change.</source>
        <translation>选择一条记录，查看更改前后的数据。</translation>
    </message>
    <message>
        <source>Entry %1: %2 by %3 (%4)</source>
        <translation>记录 %1：%3（%4）执行了 %2</translation>
    </message>
    <message>
        <source>Verifying the audit log</source>
        <translation>正在验证审计日志</translation>
    </message>
    <message>
        <source>The audit log could not be verified: %1</source>
        <translation>无法验证审计日志：%1</translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact (%Ln entries checked).</source>
        <translation>
            <numerusform>审计日志完整（已检查 %Ln 条记录）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Entry %1 of the audit log has been changed or removed.</source>
        <translation>审计日志的记录 %1 已被更改或删除。</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Load the newest entries</source>
        <translation>加载最新记录</translation>
    </message>
    <message>
        <source>V&amp;erify chain</source>
        <translation>验证链(&amp;E)</translation>
    </message>
    <message>
        <source>Check that no entry has been changed, removed or reordered</source>
        <translation>检查是否有记录被更改、删除或重新排序</translation>
    </message>
    <message>
        <source>&amp;Before the change:</source>
        <translation>更改前(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;After the change:</source>
        <translation>更改后(&amp;A)：</translation>
    </message>
    <message>
        <source>Nothing before: the record was created.</source>
        <translation>更改前无数据：该记录是新建的。</translation>
    </message>
    <message>
        <source>Nothing after: the record was removed, or the action changed no record.</source>
        <translation>更改后无数据：该记录已删除，或此操作未更改任何记录。</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::CredentialRules</name>
    <message>
        <source>Enter a user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter the password again.</source>
        <translation>请再次输入密码。</translation>
    </message>
    <message>
        <source>The two passwords differ: enter the same password again.</source>
        <translation>两次输入的密码不一致：请再次输入相同的密码。</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::JobIndicator</name>
    <message numerus="yes">
        <source>%1 (and %n more)</source>
        <translation>
            <numerusform>%1（另有 %n 项）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Ui::LoadState</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <source>Could not load: %1</source>
        <translation>无法加载：%1</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::MessageBar</name>
    <message>
        <source>Dismiss this message</source>
        <translation>关闭此消息</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::UsersPage</name>
    <message>
        <source>The list of users could not be loaded: %1</source>
        <translation>无法加载用户列表：%1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>重试(&amp;Y)</translation>
    </message>
    <message>
        <source>Users: %1</source>
        <translation>用户：%1</translation>
    </message>
    <message>
        <source>D&amp;isable</source>
        <translation>停用(&amp;I)</translation>
    </message>
    <message>
        <source>Stop the selected user from signing in</source>
        <translation>禁止所选用户登录</translation>
    </message>
    <message>
        <source>Ena&amp;ble</source>
        <translation>启用(&amp;B)</translation>
    </message>
    <message>
        <source>Let the selected user sign in again</source>
        <translation>允许所选用户再次登录</translation>
    </message>
    <message>
        <source>Add a user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>e.g. anna.lee</source>
        <translation>例如 anna.lee</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>显示名称(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>重复密码(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Add user</source>
        <translation>添加用户(&amp;A)</translation>
    </message>
    <message>
        <source>Reset a password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <source>Repea&amp;t new password:</source>
        <translation>重复新密码(&amp;T)：</translation>
    </message>
    <message>
        <source>Re&amp;set password</source>
        <translation>重置密码(&amp;S)</translation>
    </message>
    <message>
        <source>You cannot disable the account you are signed in with</source>
        <translation>您不能停用当前登录所用的账户</translation>
    </message>
    <message>
        <source>Sets a new password for %1 and lifts any lock-out.</source>
        <translation>为 %1 设置新密码并解除锁定。</translation>
    </message>
    <message>
        <source>Select a user in the list to reset their password.</source>
        <translation>在列表中选择一个用户以重置其密码。</translation>
    </message>
    <message>
        <source>%1 can sign in again.</source>
        <translation>%1 可以再次登录。</translation>
    </message>
    <message>
        <source>%1 is disabled and can no longer sign in.</source>
        <translation>%1 已停用，无法再登录。</translation>
    </message>
    <message>
        <source>Und&amp;o</source>
        <translation>撤销(&amp;O)</translation>
    </message>
    <message>
        <source>%1 can now sign in with the new password.</source>
        <translation>%1 现在可以使用新密码登录。</translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation>区域(&amp;G)：</translation>
    </message>
    <message>
        <source>The region whose customers a field officer sees, written as on the premises. Other roles see the customers of every region and do not use one.</source>
        <translation>现场人员可查看其客户的区域，写法须与地址上的区域一致。其他角色可查看所有区域的客户，无需设置区域。</translation>
    </message>
    <message>
        <source>Change a region</source>
        <translation>更改区域</translation>
    </message>
    <message>
        <source>Wor&amp;ks in:</source>
        <translation>工作区域(&amp;K)：</translation>
    </message>
    <message>
        <source>No region</source>
        <translation>无区域</translation>
    </message>
    <message>
        <source>The region whose customers the selected field officer sees, written as on the premises; empty for none. Press F2 in the list to come here.</source>
        <translation>所选现场人员可查看其客户的区域，写法须与地址上的区域一致；留空表示无区域。在列表中按 F2 可跳到这里。</translation>
    </message>
    <message>
        <source>&amp;Change region</source>
        <translation>更改区域(&amp;C)</translation>
    </message>
    <message>
        <source>Select a field officer in the list to change the region whose customers they see.</source>
        <translation>在列表中选择一名现场人员，以更改其可查看客户的区域。</translation>
    </message>
    <message>
        <source>%1 sees only the customers whose premises are in this region, from their next sign-in.</source>
        <translation>从下次登录起，%1 只能看到地址位于该区域的客户。</translation>
    </message>
    <message>
        <source>%1 is not a field officer, so this region has no effect: you may clear it.</source>
        <translation>%1 不是现场人员，因此该区域不起作用：可以将其清除。</translation>
    </message>
    <message>
        <source>%1 is not a field officer: only field officers work in a region.</source>
        <translation>%1 不是现场人员：只有现场人员才在某个区域工作。</translation>
    </message>
    <message>
        <source>e.g. North</source>
        <translation>例如：北区</translation>
    </message>
    <message>
        <source>Only field officers work in a region</source>
        <translation>只有现场人员才在某个区域工作</translation>
    </message>
    <message>
        <source>Without a region this field officer will see no customers until one is set.</source>
        <translation>在设置区域之前，该现场人员看不到任何客户。</translation>
    </message>
    <message>
        <source>%1 has no region already.</source>
        <translation>%1 本来就没有区域。</translation>
    </message>
    <message>
        <source>%1 already works in the region %2.</source>
        <translation>%1 已经在区域 %2 工作。</translation>
    </message>
    <message>
        <source>%1 works in the region %2 now, from their next sign-in.</source>
        <translation>从下次登录起，%1 在区域 %2 工作。</translation>
    </message>
    <message>
        <source>%1 has no region now and will see no customers until one is set.</source>
        <translation>%1 现在没有区域，在设置区域之前看不到任何客户。</translation>
    </message>
    <message>
        <source>%1 has no region now.</source>
        <translation>%1 现在没有区域。</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::UsersTableModel</name>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>上次登录</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
</context>
<context>
    <name>Ud::Usage::ChartTableModel</name>
    <message>
        <source>%1 export (solar)</source>
        <translation>%1 上网电量（光伏）</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1, a year before</source>
        <translation>%1，一年前</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1（共 %2）</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>计量表</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>Estimated</source>
        <translation>估算</translation>
    </message>
</context>
<context>
    <name>Ud::Usage::SeriesBuilder</name>
    <message>
        <source>The start date of the period is not a date: enter a date.</source>
        <translation>时段的开始日期不是有效日期：请输入日期。</translation>
    </message>
    <message>
        <source>The end date of the period is not a date: enter a date.</source>
        <translation>时段的结束日期不是有效日期：请输入日期。</translation>
    </message>
    <message>
        <source>The end date of the period is before its start date: enter an end date on or after %1.</source>
        <translation>时段的结束日期早于开始日期：请输入 %1 或之后的结束日期。</translation>
    </message>
    <message>
        <source>The premise has no valid time zone: set the premise&apos;s time zone, e.g. Europe/London.</source>
        <translation>该地址没有有效的时区：请设置地址的时区，例如 Europe/London。</translation>
    </message>
</context>
<context>
    <name>Ud::Usage::TouCostService</name>
    <message>
        <source>The period of the cost view is not a pair of dates: enter both days.</source>
        <translation>费用视图的期间不是一对日期：请输入两个日期。</translation>
    </message>
    <message>
        <source>The end date of the period is before its start date: enter an end date on or after %1.</source>
        <translation>期间的结束日期早于开始日期：请输入不早于 %1 的结束日期。</translation>
    </message>
    <message>
        <source>The premise %1 of customer %2 is outside your region %3.</source>
        <translation>客户 %2 的场所 %1 不在您的区域 %3 内。</translation>
    </message>
    <message>
        <source>Customer %1 has no such premise (any more); reload the customer.</source>
        <translation>客户 %1 没有该场所（或已不再有）；请重新加载该客户。</translation>
    </message>
    <message>
        <source>No account of customer %1 is at this premise, so there is no cost to show.</source>
        <translation>客户 %1 在此场所没有账户，因此没有可显示的费用。</translation>
    </message>
    <message>
        <source>Account %1 has no tariff from %2 to %3, so those days have no cost.</source>
        <translation>账户 %1 在 %2 至 %3 期间没有电价方案，因此这些天没有费用。</translation>
    </message>
</context>
<context>
    <name>Ud::Usage::TouCostView</name>
    <message>
        <source>Energy (one rate)</source>
        <translation>电量（统一费率）</translation>
    </message>
    <message>
        <source>d MMM</source>
        <translation>M月d日</translation>
    </message>
    <message>
        <source>MMM yyyy</source>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <source>Energy cost by time of use, %1 to %2</source>
        <translation>分时电量费用，%1 至 %2</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>%1 (kWh)</source>
        <translation>%1（kWh）</translation>
    </message>
    <message>
        <source>Other charges</source>
        <translation>其他费用</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>增值税</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>not priced</source>
        <translation>未计价</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Account %1, tariff %2: energy %3 (%4), other charges %5, VAT %6, in total %7.</source>
        <translation>账户 %1，电价方案 %2：电量 %3（%4），其他费用 %5，增值税 %6，合计 %7。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>Ud::Usage::UsageChartPage</name>
    <message>
        <source>%1 export (solar)</source>
        <translation>%1 上网电量（光伏）</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>&amp;Premise:</source>
        <translation>场所(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Detail:</source>
        <translation>详细程度(&amp;D)：</translation>
    </message>
    <message>
        <source>Finest that fits</source>
        <translation>可容纳的最细粒度</translation>
    </message>
    <message>
        <source>Intervals</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Years</source>
        <translation>年</translation>
    </message>
    <message>
        <source>&amp;Compare with a year before</source>
        <translation>与一年前比较(&amp;C)</translation>
    </message>
    <message>
        <source>Show as &amp;table</source>
        <translation>以表格显示(&amp;T)</translation>
    </message>
    <message>
        <source>C&amp;ost by time of use</source>
        <translation>分时费用(&amp;O)</translation>
    </message>
    <message>
        <source>Export P&amp;NG…</source>
        <translation>导出 PNG(&amp;N)…</translation>
    </message>
    <message>
        <source>Export C&amp;SV…</source>
        <translation>导出 CSV(&amp;S)…</translation>
    </message>
    <message>
        <source>Meters:</source>
        <translation>计量表：</translation>
    </message>
    <message>
        <source>Showing:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Click a bar or press Enter to see it in more detail; Backspace or Alt+Left goes back. Wheel, + and − zoom; drag across the chart to zoom to a span; Shift+wheel or Shift+arrows move in time; 0 shows the whole period.</source>
        <translation>单击柱形或按 Enter 可查看更详细的数据；按 Backspace 或 Alt+Left 返回。滚轮、+ 和 − 用于缩放；在图表上拖动可缩放到所选范围；Shift+滚轮或 Shift+方向键可在时间上前后移动；0 显示整个期间。</translation>
    </message>
    <message>
        <source>Usage chart</source>
        <translation>用量图表</translation>
    </message>
    <message>
        <source>Usage as a table</source>
        <translation>用量表格</translation>
    </message>
    <message>
        <source>Meters on no premise of the customer</source>
        <translation>不属于该客户任何场所的计量表</translation>
    </message>
    <message>
        <source>This meter is at a premise outside your region %1, so its usage is not shown.</source>
        <translation>此计量表所在场所不在您的区域 %1 内，因此不显示其用量。</translation>
    </message>
    <message>
        <source>The customer has no meters yet.</source>
        <translation>该客户尚无计量表。</translation>
    </message>
    <message>
        <source>The customer&apos;s meters are all outside your region %1.</source>
        <translation>该客户的计量表均不在您的区域 %1 内。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Use at %1: %2</source>
        <translation>%1 的用量：%2</translation>
    </message>
    <message>
        <source>meters on no premise</source>
        <translation>不属于任何场所的计量表</translation>
    </message>
    <message>
        <source>No meter at this premise records use.</source>
        <translation>此场所没有记录用量的计量表。</translation>
    </message>
    <message>
        <source>No meter chosen: tick a meter above.</source>
        <translation>未选择计量表：请在上方勾选计量表。</translation>
    </message>
    <message>
        <source>No readings for these meters yet. Readings appear here once they are imported.</source>
        <translation>这些计量表尚无读数。读数导入后将显示在此处。</translation>
    </message>
    <message>
        <source>No readings from %1 to %2.</source>
        <translation>%1 至 %2 没有读数。</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>返回(&amp;B)</translation>
    </message>
    <message>
        <source>%1 of %2 points drawn; the highest and lowest of every stretch are kept.</source>
        <translation>已绘制 %2 个点中的 %1 个；保留了每一段中的最高值和最低值。</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>所有年份</translation>
    </message>
    <message>
        <source>MMM yyyy</source>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <source>Back to %1</source>
        <translation>返回 %1</translation>
    </message>
    <message>
        <source>Working out the cost…</source>
        <translation>正在计算费用…</translation>
    </message>
    <message>
        <source>Could not write the picture to %1: check that the folder exists and you may write there.</source>
        <translation>无法将图片写入 %1：请检查该文件夹是否存在以及您是否有写入权限。</translation>
    </message>
    <message>
        <source>Could not write %1: %2.</source>
        <translation>无法写入 %1：%2。</translation>
    </message>
    <message>
        <source>Export the chart as a picture</source>
        <translation>将图表导出为图片</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>The chart is saved in %1.</source>
        <translation>图表已保存到 %1。</translation>
    </message>
    <message>
        <source>Export the points shown as CSV</source>
        <translation>将显示的数据点导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>The points shown are saved in %1.</source>
        <translation>显示的数据点已保存到 %1。</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
</context>
<context>
    <name>Ud::Usage::UsageChartService</name>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>该客户不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>The number of points to draw must be at least 1.</source>
        <translation>要绘制的点数必须至少为 1。</translation>
    </message>
    <message>
        <source>The premise %1 of customer %2 is outside your region %3.</source>
        <translation>客户 %2 的场所 %1 不在您的区域 %3 内。</translation>
    </message>
    <message>
        <source>Customer %1 has no such premise (any more); reload the customer.</source>
        <translation>客户 %1 没有该场所（或已不再有）；请重新加载该客户。</translation>
    </message>
    <message>
        <source>The meter channel asked for is not at this premise of customer %1 (any more); reload the customer.</source>
        <translation>所请求的计量表通道不在客户 %1 的此场所（或已不在）；请重新加载该客户。</translation>
    </message>
    <message>
        <source>kWh</source>
        <translation>kWh</translation>
    </message>
    <message>
        <source>kvarh</source>
        <translation>kvarh</translation>
    </message>
    <message>
        <source>L</source>
        <translation>L</translation>
    </message>
</context>
<context>
    <name>Ud::Usage::UsageChartView</name>
    <message>
        <source>%1 export (solar), %2</source>
        <translation>%1 上网电量（光伏），%2</translation>
    </message>
    <message>
        <source>%1 %2, %3</source>
        <translation>%1 %2，%3</translation>
    </message>
    <message>
        <source>%1, a year before</source>
        <translation>%1，一年前</translation>
    </message>
    <message>
        <source>Estimated readings</source>
        <translation>估算读数</translation>
    </message>
    <message>
        <source>No readings</source>
        <translation>无读数</translation>
    </message>
    <message>
        <source>d MMM</source>
        <translation>M月d日</translation>
    </message>
    <message>
        <source>MMM yyyy</source>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <translation>yyyy年M月</translation>
    </message>
    <message numerus="yes">
        <source>(a day of %n hours)</source>
        <translation>
            <numerusform>（该日共 %n 小时）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2 – %3</source>
        <translation>%1 %2 – %3</translation>
    </message>
    <message>
        <source>%1: %2 %3 (%4)</source>
        <translation>%1：%2 %3（%4）</translation>
    </message>
    <message numerus="yes">
        <source>%n intervals without readings</source>
        <translation>
            <numerusform>%n 个间隔无读数</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n estimated</source>
        <translation>
            <numerusform>%n 个估算</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n estimated readings near it</source>
        <translation>
            <numerusform>附近有 %n 个估算读数</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>one of %n points kept for drawing</source>
        <translation>
            <numerusform>每 %n 个点保留一个用于绘制</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Usage::UsageUiModule</name>
    <message>
        <source>&amp;Usage</source>
        <translation>用量(&amp;U)</translation>
    </message>
</context>
</TS>
