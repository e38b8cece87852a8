#include "localedata.h"

// Names, streets, cities and phrases of the four demo markets. Names are common ones of each
// country; cities carry real coordinates, regions, postcode ranges, dialling codes and time
// zones so that maps, postcode search and local-time charts behave as with real data.
// This file is UTF-8.

namespace Ud::Demo {

namespace {

using CC = CustomerClass;

// ---------------------------------------------------------------- Great Britain
const Name gbMale[] = {
    {"Oliver"}, {"George"}, {"Harry"}, {"Jack"}, {"Jacob"}, {"Noah"}, {"Charlie"}, {"Thomas"}, {"Oscar"},
    {"William"}, {"James"}, {"Leo"}, {"Alfie"}, {"Henry"}, {"Joshua"}, {"Freddie"}, {"Archie"}, {"Arthur"},
    {"Daniel"}, {"David"}, {"Michael"}, {"Paul"}, {"Peter"}, {"Richard"}, {"Mark"}, {"Andrew"}, {"Stephen"},
    {"John"}, {"Robert"}, {"Christopher"}, {"Mohammed"}, {"Sanjay"}, {"Gareth"}, {"Callum"}, {"Ian"},
    {"Graham"}, {"Kevin"}, {"Samuel"}, {"Benjamin"}, {"Adam"}};
const Name gbFemale[] = {
    {"Olivia"}, {"Amelia"}, {"Isla"}, {"Ava"}, {"Emily"}, {"Sophie"}, {"Grace"}, {"Lily"}, {"Mia"}, {"Ella"},
    {"Charlotte"}, {"Jessica"}, {"Sarah"}, {"Emma"}, {"Laura"}, {"Rebecca"}, {"Hannah"}, {"Claire"},
    {"Helen"}, {"Susan"}, {"Margaret"}, {"Patricia"}, {"Elizabeth"}, {"Mary"}, {"Karen"}, {"Priya"},
    {"Fatima"}, {"Aisha"}, {"Zara"}, {"Chloe"}, {"Rhiannon"}, {"Siobhan"}, {"Joanne"}, {"Nicola"},
    {"Gemma"}, {"Victoria"}, {"Lucy"}, {"Eleanor"}, {"Megan"}, {"Anne"}};
const Name gbFamily[] = {
    {"Smith"}, {"Jones"}, {"Williams"}, {"Taylor"}, {"Brown"}, {"Davies"}, {"Evans"}, {"Wilson"}, {"Thomas"},
    {"Johnson"}, {"Roberts"}, {"Robinson"}, {"Thompson"}, {"Wright"}, {"Walker"}, {"White"}, {"Edwards"},
    {"Hughes"}, {"Green"}, {"Hall"}, {"Lewis"}, {"Harris"}, {"Clarke"}, {"Patel"}, {"Jackson"}, {"Wood"},
    {"Turner"}, {"Martin"}, {"Cooper"}, {"Hill"}, {"Ward"}, {"Morris"}, {"Moore"}, {"Clark"}, {"Lee"},
    {"King"}, {"Baker"}, {"Harrison"}, {"Morgan"}, {"Allen"}, {"James"}, {"Scott"}, {"Phillips"},
    {"Watson"}, {"Davis"}, {"Parker"}, {"Price"}, {"Bennett"}, {"Young"}, {"Griffiths"}, {"Mitchell"},
    {"Kelly"}, {"Cook"}, {"Carter"}, {"Richardson"}, {"Bailey"}, {"Collins"}, {"Bell"}, {"Shaw"},
    {"Murphy"}, {"Miller"}, {"Cox"}, {"Richards"}, {"Khan"}, {"Marshall"}, {"Anderson"}, {"Simpson"},
    {"Ellis"}, {"Adams"}, {"Singh"}, {"Begum"}, {"Wilkinson"}, {"Foster"}, {"Chapman"}, {"Powell"},
    {"Webb"}, {"Rogers"}, {"Gray"}, {"Mason"}, {"Ali"}, {"Hunt"}, {"Hussain"}, {"Campbell"}, {"Matthews"},
    {"Owen"}, {"Palmer"}, {"Holmes"}, {"Mills"}, {"Barnes"}, {"Knight"}, {"Lloyd"}, {"Butler"},
    {"Russell"}, {"Barker"}, {"Fisher"}, {"Stevens"}, {"Jenkins"}, {"Murray"}, {"Dixon"}, {"Harvey"},
    {"O'Brien"}, {"MacDonald"}, {"Okafor"}, {"Nowak"}};
const char *const gbStreets[] = {
    "High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue", "Mill Lane", "Queen's Road",
    "King Street", "Manor Road", "Green Lane", "Albert Road", "Grange Road", "The Crescent", "Chester Road",
    "Oxford Road", "Windsor Close", "Springfield Road", "Orchard Way", "Kingsway", "Elm Grove",
    "Hawthorn Drive", "Willow Close", "Beech Road", "St John's Road", "Meadow View", "London Road",
    "Castle Street", "North Road", "Richmond Terrace", "Cromwell Road", "Laburnum Avenue", "Clarence Street",
    "Rectory Lane", "Westfield Avenue", "Highfield Road", "Brook Street", "Stanley Road", "Heather Close"};
const char *const gbLondon[] = {"SW1A", "SE1", "E14", "N1", "NW3", "W2", "EC1V", "SW11", "E8", "SE15", "N16", "W12"};
const char *const gbManchester[] = {"M1", "M4", "M14", "M20", "M21", "M16", "M19"};
const char *const gbBirmingham[] = {"B1", "B5", "B13", "B15", "B29", "B30", "B17"};
const char *const gbLeeds[] = {"LS1", "LS6", "LS8", "LS11", "LS17", "LS16"};
const char *const gbGlasgow[] = {"G1", "G3", "G12", "G41", "G42", "G31"};
const char *const gbEdinburgh[] = {"EH1", "EH3", "EH6", "EH10", "EH12", "EH16"};
const char *const gbBristol[] = {"BS1", "BS3", "BS6", "BS8", "BS16", "BS7"};
const char *const gbLiverpool[] = {"L1", "L8", "L15", "L17", "L18", "L4"};
const char *const gbCardiff[] = {"CF10", "CF11", "CF14", "CF23", "CF24", "CF5"};
const char *const gbNewcastle[] = {"NE1", "NE2", "NE4", "NE6", "NE3"};
const char *const gbNorwich[] = {"NR1", "NR2", "NR3", "NR4"};
const char *const gbNottingham[] = {"NG1", "NG5", "NG7", "NG3"};
const City gbCities[] = {
    {"London", "London", "London", "LDN", "Europe/London", 51.5074, -0.1278, 69.37, 30, 12, gbLondon, 0, 0, {}, "12", 0, "20"},
    {"Manchester", "Manchester", "North West", "MAN", "Europe/London", 53.4808, -2.2426, 66.25, 9, 6, gbManchester, 0, 0, {}, "16", 0, "161"},
    {"Birmingham", "Birmingham", "West Midlands", "BHM", "Europe/London", 52.4862, -1.8904, 67.78, 9, 6, gbBirmingham, 0, 0, {}, "14", 0, "121"},
    {"Leeds", "Leeds", "Yorkshire and the Humber", "LDS", "Europe/London", 53.8008, -1.5491, 65.76, 7, 5, gbLeeds, 0, 0, {}, "23", 0, "113"},
    {"Glasgow", "Glasgow", "Scotland", "GLA", "Europe/London", 55.8642, -4.2518, 62.57, 7, 5, gbGlasgow, 0, 0, {}, "18", 0, "141"},
    {"Edinburgh", "Edinburgh", "Scotland", "EDI", "Europe/London", 55.9533, -3.1883, 62.43, 5, 4, gbEdinburgh, 0, 0, {}, "18", 0, "131", "N"},
    {"Bristol", "Bristol", "South West", "BRS", "Europe/London", 51.4545, -2.5879, 69.45, 6, 4, gbBristol, 0, 0, {}, "22", 0, "117", "W"},
    {"Liverpool", "Liverpool", "North West", "LPL", "Europe/London", 53.4084, -2.9916, 66.37, 6, 4, gbLiverpool, 0, 0, {}, "13", 0, "151", "W"},
    {"Cardiff", "Cardiff", "Wales", "CDF", "Europe/London", 51.4816, -3.1791, 69.41, 5, 4, gbCardiff, 0, 0, {}, "21", 0, "29", "S"},
    {"Newcastle upon Tyne", "Newcastle", "North East", "NCL", "Europe/London", 54.9783, -1.6178, 64.01, 5, 4, gbNewcastle, 0, 0, {}, "15", 0, "191", "E"},
    {"Norwich", "Norwich", "East of England", "NRW", "Europe/London", 52.6309, 1.2974, 67.58, 4, 3, gbNorwich, 0, 0, {}, "10", 0, "1603", "E"},
    {"Nottingham", "Nottingham", "East Midlands", "NGM", "Europe/London", 52.9548, -1.1581, 67.13, 5, 4, gbNottingham, 0, 0, {}, "11", 0, "115"},
};
const BusinessKind gbBusinesses[] = {
    {CC::Commercial, "retail", 5, "{F} & Sons Ltd"},
    {CC::Commercial, "office", 4, "{F} {F2} LLP"},
    {CC::Commercial, "restaurant", 4, "The {F} Arms"},
    {CC::Commercial, "hotel", 2, "{F} House Hotel ({C}) Ltd"},
    {CC::Commercial, "bakery", 2, "{F}'s Bakery"},
    {CC::Commercial, "supermarket", 2, "{F} Fresh Foods Ltd"},
    {CC::Commercial, "healthcare", 2, "{F} Dental Practice"},
    {CC::Industrial, "manufacturing", 4, "{F} Engineering Ltd"},
    {CC::Industrial, "food_processing", 2, "{F} & {F2} Foods Ltd"},
    {CC::Industrial, "cold_storage", 1, "{F} Cold Storage Ltd"},
    {CC::Industrial, "metal_works", 2, "{F} Metals Ltd"},
    {CC::Industrial, "data_centre", 1, "{F} Data Centres ({C}) Ltd"},
    {CC::Agricultural, "dairy_farm", 3, "{F} Dairy Farm"},
    {CC::Agricultural, "arable_farm", 3, "{F} Farms Ltd"},
    {CC::Agricultural, "greenhouse", 2, "{F} Nurseries"},
    {CC::Agricultural, "poultry_farm", 2, "{F} Poultry Ltd"},
};
const ContactNote gbNotes[] = {
    {"bill", "Customer queried a higher bill than expected; explained the estimated reading."},
    {"bill", "Sent a copy of the latest bill by e-mail."},
    {"payment", "Set up a monthly direct debit."},
    {"payment", "Agreed a payment plan for the arrears."},
    {"usage", "Went through the half-hourly usage chart; heating explains the rise."},
    {"usage", "Customer asked how their usage compares with similar homes."},
    {"outage", "Reported loss of supply; local fault logged, restoration expected within 4 hours."},
    {"outage", "Informed the customer of planned network work in the area."},
    {"move", "Customer moving out; final meter reading arranged."},
    {"move", "New occupier registered at the address."},
    {"program", "Interested in the smart export tariff; information sent."},
    {"program", "Enrolled in the home energy efficiency programme."},
    {"meter", "Meter reading submitted by the customer."},
    {"meter", "Smart meter appointment booked."},
    {"complaint", "Complaint about waiting time on the phone; apologised."},
    {"complaint", "Complaint about a missed appointment; engineer rebooked."},
};
const char *const gbAgents[] = {"s.patel", "j.murphy", "l.evans", "k.osei", "r.taylor", "h.campbell"};

// ---------------------------------------------------------------- Germany
const Name deMale[] = {
    {"Peter"}, {"Michael"}, {"Thomas"}, {"Andreas"}, {"Wolfgang"}, {"Klaus"}, {"Jürgen"}, {"Stefan"},
    {"Christian"}, {"Uwe"}, {"Werner"}, {"Frank"}, {"Matthias"}, {"Alexander"}, {"Markus"}, {"Tobias"},
    {"Jan"}, {"Lukas"}, {"Felix"}, {"Leon"}, {"Maximilian"}, {"Paul"}, {"Jonas"}, {"Finn"}, {"Ben"},
    {"Elias"}, {"Noah"}, {"Emil"}, {"Hans"}, {"Dieter"}, {"Günter"}, {"Horst"}, {"Sebastian"}, {"Florian"},
    {"Mehmet"}, {"Oliver"}};
const Name deFemale[] = {
    {"Ursula"}, {"Monika"}, {"Petra"}, {"Sabine"}, {"Renate"}, {"Helga"}, {"Karin"}, {"Brigitte"},
    {"Ingrid"}, {"Andrea"}, {"Susanne"}, {"Claudia"}, {"Julia"}, {"Anna"}, {"Katharina"}, {"Laura"},
    {"Lena"}, {"Lea"}, {"Sarah"}, {"Hannah"}, {"Sophie"}, {"Marie"}, {"Emilia"}, {"Mia"}, {"Emma"},
    {"Lina"}, {"Nicole"}, {"Stefanie"}, {"Birgit"}, {"Gisela"}, {"Jutta"}, {"Elke"}, {"Ayşe"}, {"Jana"}};
const Name deFamily[] = {
    {"Müller"}, {"Schmidt"}, {"Schneider"}, {"Fischer"}, {"Weber"}, {"Meyer"}, {"Wagner"}, {"Becker"},
    {"Schulz"}, {"Hoffmann"}, {"Schäfer"}, {"Koch"}, {"Bauer"}, {"Richter"}, {"Klein"}, {"Wolf"},
    {"Schröder"}, {"Neumann"}, {"Schwarz"}, {"Zimmermann"}, {"Braun"}, {"Krüger"}, {"Hofmann"},
    {"Hartmann"}, {"Lange"}, {"Schmitt"}, {"Werner"}, {"Schmitz"}, {"Krause"}, {"Meier"}, {"Lehmann"},
    {"Schmid"}, {"Schulze"}, {"Maier"}, {"Köhler"}, {"Herrmann"}, {"König"}, {"Walter"}, {"Mayer"},
    {"Huber"}, {"Kaiser"}, {"Fuchs"}, {"Peters"}, {"Lang"}, {"Scholz"}, {"Möller"}, {"Weiß"}, {"Jung"},
    {"Hahn"}, {"Schubert"}, {"Vogel"}, {"Friedrich"}, {"Keller"}, {"Günther"}, {"Frank"}, {"Berger"},
    {"Winkler"}, {"Roth"}, {"Beck"}, {"Lorenz"}, {"Baumann"}, {"Franke"}, {"Albrecht"}, {"Schuster"},
    {"Simon"}, {"Ludwig"}, {"Böhm"}, {"Winter"}, {"Kraus"}, {"Martin"}, {"Schumacher"}, {"Krämer"},
    {"Vogt"}, {"Stein"}, {"Jäger"}, {"Otto"}, {"Sommer"}, {"Groß"}, {"Seidel"}, {"Heinrich"}, {"Brandt"},
    {"Haas"}, {"Schreiber"}, {"Graf"}, {"Schulte"}, {"Dietrich"}, {"Ziegler"}, {"Kuhn"}, {"Kühn"},
    {"Pohl"}, {"Engel"}, {"Horn"}, {"Busch"}, {"Bergmann"}, {"Voigt"}, {"Sauer"}, {"Arnold"}, {"Wolff"},
    {"Pfeiffer"}, {"Yılmaz"}, {"Kaya"}, {"Nowak"}};
const char *const deStreets[] = {
    "Hauptstraße", "Schulstraße", "Gartenstraße", "Bahnhofstraße", "Dorfstraße", "Bergstraße", "Birkenweg",
    "Lindenstraße", "Kirchstraße", "Waldstraße", "Ringstraße", "Schillerstraße", "Goethestraße", "Mühlenweg",
    "Am Sportplatz", "Jahnstraße", "Rosenstraße", "Wiesenweg", "Feldstraße", "Mozartstraße",
    "Beethovenstraße", "Poststraße", "Lessingstraße", "Marktplatz", "Kastanienallee", "Friedrichstraße",
    "Uhlandstraße", "Eichendorffstraße", "Parkstraße", "Ahornweg", "Tannenweg", "Industriestraße"};
const City deCities[] = {
    {"Berlin", "Berlin", "Berlin", "BER", "Europe/Berlin", 52.5200, 13.4050, 67.76, 18, 10, {}, 10115, 14199, {}, "110017", 1, "30"},
    {"Hamburg", "Hamburg", "Hamburg", "HAM", "Europe/Berlin", 53.5511, 9.9937, 66.21, 10, 7, {}, 20095, 22769, {}, "112340", 1, "40"},
    {"München", "München", "Bayern", "MUC", "Europe/Berlin", 48.1351, 11.5820, 74.38, 10, 7, {}, 80331, 81929, {}, "160036", 1, "89"},
    {"Köln", "Köln", "Nordrhein-Westfalen", "CGN", "Europe/Berlin", 50.9375, 6.9603, 70.20, 8, 6, {}, 50667, 51149, {}, "120213", 1, "221"},
    {"Frankfurt am Main", "Frankfurt", "Hessen", "FRA", "Europe/Berlin", 50.1109, 8.6821, 71.46, 7, 5, {}, 60306, 60599, {}, "130058", 1, "69"},
    {"Stuttgart", "Stuttgart", "Baden-Württemberg", "STR", "Europe/Berlin", 48.7758, 9.1829, 73.42, 6, 5, {}, 70173, 70629, {}, "140153", 1, "711"},
    {"Düsseldorf", "Düsseldorf", "Nordrhein-Westfalen", "DUS", "Europe/Berlin", 51.2277, 6.7735, 69.76, 6, 5, {}, 40210, 40629, {}, "120318", 1, "211"},
    {"Leipzig", "Leipzig", "Sachsen", "LEJ", "Europe/Berlin", 51.3397, 12.3731, 69.58, 6, 4, {}, 4103, 4357, {}, "180077", 1, "341"},
    {"Dresden", "Dresden", "Sachsen", "DRS", "Europe/Berlin", 51.0504, 13.7373, 70.03, 5, 4, {}, 1067, 1328, {}, "180092", 1, "351"},
    {"Hannover", "Hannover", "Niedersachsen", "HAJ", "Europe/Berlin", 52.3759, 9.7320, 67.95, 5, 4, {}, 30159, 30669, {}, "150048", 1, "511"},
    {"Nürnberg", "Nürnberg", "Bayern", "NUE", "Europe/Berlin", 49.4521, 11.0767, 72.48, 5, 4, {}, 90402, 90491, {}, "160125", 1, "911"},
    {"Freiburg im Breisgau", "Freiburg", "Baden-Württemberg", "FRE", "Europe/Berlin", 47.9990, 7.8421, 74.55, 4, 3, {}, 79098, 79117, {}, "140307", 1, "761"},
};
const BusinessKind deBusinesses[] = {
    {CC::Commercial, "retail", 5, "{F} Einzelhandel GmbH"},
    {CC::Commercial, "office", 4, "{F} & {F2} Steuerberater"},
    {CC::Commercial, "restaurant", 4, "Gasthaus {F}"},
    {CC::Commercial, "hotel", 2, "Hotel {F} {C} GmbH"},
    {CC::Commercial, "bakery", 2, "Bäckerei {F}"},
    {CC::Commercial, "supermarket", 2, "{F} Frischemarkt GmbH"},
    {CC::Commercial, "healthcare", 2, "Zahnarztpraxis Dr. {F}"},
    {CC::Industrial, "manufacturing", 4, "{F} Maschinenbau GmbH"},
    {CC::Industrial, "food_processing", 2, "{F} Lebensmittel GmbH"},
    {CC::Industrial, "cold_storage", 1, "Kühlhaus {F} GmbH"},
    {CC::Industrial, "metal_works", 2, "Metallbau {F} GmbH"},
    {CC::Industrial, "data_centre", 1, "{F} Rechenzentrum {C} GmbH"},
    {CC::Agricultural, "dairy_farm", 3, "Milchhof {F}"},
    {CC::Agricultural, "arable_farm", 3, "Landwirtschaft {F} GbR"},
    {CC::Agricultural, "greenhouse", 2, "Gärtnerei {F}"},
    {CC::Agricultural, "poultry_farm", 2, "Geflügelhof {F}"},
};
const ContactNote deNotes[] = {
    {"bill", "Kunde fragt nach der höheren Rechnung; Schätzung des Zählerstands erklärt."},
    {"bill", "Rechnungskopie per E-Mail versandt."},
    {"payment", "Monatlichen Abschlag per Lastschrift eingerichtet."},
    {"payment", "Ratenzahlung für den Rückstand vereinbart."},
    {"usage", "Viertelstundenwerte gemeinsam angesehen; Anstieg durch Heizlüfter."},
    {"usage", "Kundin fragt nach dem Verbrauch vergleichbarer Haushalte."},
    {"outage", "Stromausfall gemeldet; Störung im Ortsnetz, Behebung in etwa 4 Stunden."},
    {"outage", "Über geplante Netzarbeiten in der Straße informiert."},
    {"move", "Auszug gemeldet; Schlussablesung vereinbart."},
    {"move", "Neuen Mieter an der Adresse angemeldet."},
    {"program", "Interesse an der Einspeisevergütung; Unterlagen zugeschickt."},
    {"program", "Für das Energiesparprogramm angemeldet."},
    {"meter", "Zählerstand telefonisch übermittelt."},
    {"meter", "Termin für den Einbau des Smart Meters vereinbart."},
    {"complaint", "Beschwerde über lange Wartezeit an der Hotline; entschuldigt."},
    {"complaint", "Beschwerde über verpassten Technikertermin; neuer Termin vereinbart."},
};
const char *const deAgents[] = {"m.weber", "a.yilmaz", "j.koch", "s.lange", "t.braun"};

// ---------------------------------------------------------------- China (mainland)
const Name cnMale[] = {
    {"伟", "wei"}, {"强", "qiang"}, {"磊", "lei"}, {"军", "jun"}, {"勇", "yong"}, {"杰", "jie"},
    {"涛", "tao"}, {"明", "ming"}, {"超", "chao"}, {"刚", "gang"}, {"平", "ping"}, {"辉", "hui"},
    {"建华", "jianhua"}, {"志强", "zhiqiang"}, {"建国", "jianguo"}, {"俊杰", "junjie"}, {"浩然", "haoran"},
    {"子轩", "zixuan"}, {"宇航", "yuhang"}, {"文博", "wenbo"}, {"博文", "bowen"}, {"鹏", "peng"},
    {"斌", "bin"}, {"波", "bo"}, {"浩", "hao"}, {"海涛", "haitao"}, {"晓东", "xiaodong"}, {"国强", "guoqiang"},
    {"立新", "lixin"}, {"永刚", "yonggang"}};
const Name cnFemale[] = {
    {"芳", "fang"}, {"娜", "na"}, {"敏", "min"}, {"静", "jing"}, {"丽", "li"}, {"艳", "yan"},
    {"娟", "juan"}, {"霞", "xia"}, {"秀英", "xiuying"}, {"桂英", "guiying"}, {"玉兰", "yulan"},
    {"秀兰", "xiulan"}, {"婷", "ting"}, {"雪", "xue"}, {"慧", "hui"}, {"佳怡", "jiayi"}, {"欣怡", "xinyi"},
    {"梓涵", "zihan"}, {"诗涵", "shihan"}, {"雨萱", "yuxuan"}, {"丹", "dan"}, {"萍", "ping"}, {"红", "hong"},
    {"玲", "ling"}, {"晓燕", "xiaoyan"}, {"淑珍", "shuzhen"}, {"美玲", "meiling"}, {"春梅", "chunmei"}};
const Name cnFamily[] = {
    {"王", "wang"}, {"李", "li"}, {"张", "zhang"}, {"刘", "liu"}, {"陈", "chen"}, {"杨", "yang"},
    {"黄", "huang"}, {"赵", "zhao"}, {"吴", "wu"}, {"周", "zhou"}, {"徐", "xu"}, {"孙", "sun"},
    {"马", "ma"}, {"朱", "zhu"}, {"胡", "hu"}, {"郭", "guo"}, {"何", "he"}, {"林", "lin"}, {"高", "gao"},
    {"罗", "luo"}, {"郑", "zheng"}, {"梁", "liang"}, {"谢", "xie"}, {"宋", "song"}, {"唐", "tang"},
    {"许", "xu"}, {"韩", "han"}, {"冯", "feng"}, {"邓", "deng"}, {"曹", "cao"}, {"彭", "peng"},
    {"曾", "zeng"}, {"肖", "xiao"}, {"田", "tian"}, {"董", "dong"}, {"潘", "pan"}, {"袁", "yuan"},
    {"蔡", "cai"}, {"蒋", "jiang"}, {"余", "yu"}, {"于", "yu"}, {"杜", "du"}, {"叶", "ye"}, {"程", "cheng"},
    {"魏", "wei"}, {"苏", "su"}, {"吕", "lv"}, {"丁", "ding"}, {"任", "ren"}, {"卢", "lu"}, {"欧阳", "ouyang"}};
const char *const cnStreets[] = {
    "建国路", "人民路", "解放路", "中山路", "和平路", "新华路", "朝阳路", "光明路", "文化路", "学府路",
    "南京路", "延安路", "胜利路", "东风路", "青年路", "幸福路", "友谊路", "黄河路", "长江路", "滨江路",
    "科技路", "创业大道", "世纪大道", "工业园路", "建设路", "花园路", "迎宾大道", "北京路"};
const District cnBeijing[] = {
    {"朝阳区", "100020", "110105"}, {"海淀区", "100080", "110108"}, {"东城区", "100010", "110101"},
    {"西城区", "100032", "110102"}, {"丰台区", "100071", "110106"}, {"通州区", "101100", "110112"},
    {"昌平区", "102200", "110114"}};
const District cnShanghai[] = {
    {"浦东新区", "200120", "310115"}, {"黄浦区", "200001", "310101"}, {"徐汇区", "200030", "310104"},
    {"静安区", "200040", "310106"}, {"长宁区", "200050", "310105"}, {"闵行区", "201100", "310112"},
    {"杨浦区", "200082", "310110"}};
const District cnGuangzhou[] = {
    {"天河区", "510620", "440106"}, {"越秀区", "510030", "440104"}, {"海珠区", "510220", "440105"},
    {"白云区", "510400", "440111"}, {"番禺区", "511400", "440113"}};
const District cnShenzhen[] = {
    {"南山区", "518052", "440305"}, {"福田区", "518048", "440304"}, {"罗湖区", "518001", "440303"},
    {"宝安区", "518101", "440306"}, {"龙岗区", "518172", "440307"}};
const District cnChengdu[] = {
    {"锦江区", "610021", "510104"}, {"武侯区", "610041", "510107"}, {"成华区", "610051", "510108"},
    {"青羊区", "610031", "510105"}, {"金牛区", "610036", "510106"}};
const District cnHangzhou[] = {
    {"西湖区", "310013", "330106"}, {"上城区", "310002", "330102"}, {"拱墅区", "310011", "330105"},
    {"滨江区", "310051", "330108"}, {"余杭区", "311100", "330110"}};
const District cnWuhan[] = {
    {"武昌区", "430061", "420106"}, {"江汉区", "430015", "420103"}, {"洪山区", "430070", "420111"},
    {"汉阳区", "430050", "420105"}};
const District cnXian[] = {
    {"雁塔区", "710061", "610113"}, {"碑林区", "710001", "610103"}, {"未央区", "710016", "610112"},
    {"新城区", "710004", "610102"}};
const District cnNanjing[] = {
    {"玄武区", "210018", "320102"}, {"鼓楼区", "210008", "320106"}, {"秦淮区", "210001", "320104"},
    {"建邺区", "210019", "320105"}};
const City cnCities[] = {
    {"北京市", "北京", "北京市", "PEK", "Asia/Shanghai", 39.9042, 116.4074, 85.39, 16, 10, {}, 0, 0, cnBeijing, "", 8, "10"},
    {"上海市", "上海", "上海市", "SHA", "Asia/Shanghai", 31.2304, 121.4737, 95.23, 16, 10, {}, 0, 0, cnShanghai, "", 8, "21", "E"},
    {"广州市", "广州", "广东省", "CAN", "Asia/Shanghai", 23.1291, 113.2644, 102.44, 11, 7, {}, 0, 0, cnGuangzhou, "", 8, "20"},
    {"深圳市", "深圳", "广东省", "SZX", "Asia/Shanghai", 22.5431, 114.0579, 102.82, 11, 7, {}, 0, 0, cnShenzhen, "", 8, "755", "S"},
    {"成都市", "成都", "四川省", "CTU", "Asia/Shanghai", 30.5728, 104.0668, 95.83, 9, 6, {}, 0, 0, cnChengdu, "", 8, "28"},
    {"杭州市", "杭州", "浙江省", "HGH", "Asia/Shanghai", 30.2741, 120.1551, 96.12, 8, 5, {}, 0, 0, cnHangzhou, "", 8, "571", "E"},
    {"武汉市", "武汉", "湖北省", "WUH", "Asia/Shanghai", 30.5928, 114.3055, 95.81, 8, 5, {}, 0, 0, cnWuhan, "", 8, "27"},
    {"西安市", "西安", "陕西省", "XIY", "Asia/Shanghai", 34.3416, 108.9398, 91.92, 7, 5, {}, 0, 0, cnXian, "", 8, "29"},
    {"南京市", "南京", "江苏省", "NKG", "Asia/Shanghai", 32.0603, 118.7969, 94.34, 7, 5, {}, 0, 0, cnNanjing, "", 8, "25"},
};
const BusinessKind cnBusinesses[] = {
    {CC::Commercial, "retail", 5, "{C}{B}商贸有限公司"},
    {CC::Commercial, "office", 4, "{C}{B}科技有限公司"},
    {CC::Commercial, "restaurant", 4, "{C}{B}餐饮管理有限公司"},
    {CC::Commercial, "hotel", 2, "{C}{B}大酒店有限公司"},
    {CC::Commercial, "bakery", 2, "{C}{B}烘焙食品店"},
    {CC::Commercial, "supermarket", 2, "{C}{B}超市有限公司"},
    {CC::Commercial, "healthcare", 2, "{C}{B}口腔诊所"},
    {CC::Industrial, "manufacturing", 4, "{C}{B}机械制造有限公司"},
    {CC::Industrial, "food_processing", 2, "{C}{B}食品加工有限公司"},
    {CC::Industrial, "cold_storage", 1, "{C}{B}冷链物流有限公司"},
    {CC::Industrial, "metal_works", 2, "{C}{B}金属制品有限公司"},
    {CC::Industrial, "data_centre", 1, "{C}{B}数据服务有限公司"},
    {CC::Agricultural, "dairy_farm", 3, "{C}{B}奶牛养殖专业合作社"},
    {CC::Agricultural, "arable_farm", 3, "{C}{B}农业种植专业合作社"},
    {CC::Agricultural, "greenhouse", 2, "{C}{B}温室蔬菜基地"},
    {CC::Agricultural, "poultry_farm", 2, "{C}{B}家禽养殖场"},
};
// Trade names are two characters, one from each list: 华达, 宏源, 鑫通...
const char *const cnTradeNames[] = {"华", "宏", "鑫", "恒", "金", "永", "瑞", "东", "长", "明",
                                    "福", "佳", "新", "万", "中", "汇", "盛", "泰", "和", "正"};
const char *const cnTradeNames2[] = {"兴", "达", "源", "通", "利", "盛", "丰", "方", "城", "辉",
                                     "顺", "美", "昌", "安", "隆", "德", "泰", "信", "荣", "宇"};
const ContactNote cnNotes[] = {
    {"bill", "客户询问本月电费偏高，已解释估算读数。"},
    {"bill", "已通过电子邮件发送最新账单。"},
    {"payment", "已为客户开通银行代扣。"},
    {"payment", "与客户约定欠费分期缴纳。"},
    {"usage", "与客户一起查看15分钟用电曲线，用电上升源于空调。"},
    {"usage", "客户咨询与同类家庭相比的用电情况。"},
    {"outage", "客户报修停电，已登记故障，预计4小时内恢复供电。"},
    {"outage", "已告知客户小区计划停电检修安排。"},
    {"move", "客户办理迁出，已安排结算抄表。"},
    {"move", "新住户已完成过户登记。"},
    {"program", "客户对分布式光伏余电上网感兴趣，已发送资料。"},
    {"program", "客户已报名参加节能改造项目。"},
    {"meter", "客户通过电话报送电表读数。"},
    {"meter", "已预约智能电表安装时间。"},
    {"complaint", "客户投诉热线等待时间过长，已致歉。"},
    {"complaint", "客户投诉维修人员未按约上门，已重新预约。"},
};
const char *const cnAgents[] = {"li.na", "zhang.wei", "chen.jing", "wang.lei", "zhao.min"};

// ---------------------------------------------------------------- Spain
const Name esMale[] = {
    {"Antonio"}, {"José"}, {"Manuel"}, {"Francisco"}, {"David"}, {"Juan"}, {"Javier"}, {"Daniel"},
    {"José Luis"}, {"Carlos"}, {"Jesús"}, {"Alejandro"}, {"Miguel"}, {"Rafael"}, {"Pablo"}, {"Pedro"},
    {"Ángel"}, {"Sergio"}, {"Fernando"}, {"Jorge"}, {"Luis"}, {"Alberto"}, {"Hugo"}, {"Mateo"}, {"Lucas"},
    {"Martín"}, {"Álvaro"}, {"Diego"}, {"Adrián"}, {"Raúl"}, {"Jordi"}, {"Iker"}};
const Name esFemale[] = {
    {"María"}, {"Carmen"}, {"Ana"}, {"Isabel"}, {"Laura"}, {"Lucía"}, {"Cristina"}, {"Marta"},
    {"María José"}, {"Francisca"}, {"Elena"}, {"Pilar"}, {"Sara"}, {"Paula"}, {"Dolores"}, {"Raquel"},
    {"Rosa"}, {"Sofía"}, {"Julia"}, {"Alba"}, {"Martina"}, {"Irene"}, {"Patricia"}, {"Beatriz"}, {"Silvia"},
    {"Nuria"}, {"Mercedes"}, {"Rocío"}, {"Andrea"}, {"Claudia"}, {"Montserrat"}, {"Ainhoa"}};
const Name esFamily[] = {
    {"García"}, {"Rodríguez"}, {"González"}, {"Fernández"}, {"López"}, {"Martínez"}, {"Sánchez"},
    {"Pérez"}, {"Gómez"}, {"Martín"}, {"Jiménez"}, {"Hernández"}, {"Ruiz"}, {"Díaz"}, {"Moreno"},
    {"Muñoz"}, {"Álvarez"}, {"Romero"}, {"Gutiérrez"}, {"Alonso"}, {"Navarro"}, {"Torres"}, {"Domínguez"},
    {"Ramos"}, {"Vázquez"}, {"Ramírez"}, {"Gil"}, {"Serrano"}, {"Morales"}, {"Molina"}, {"Blanco"},
    {"Suárez"}, {"Castro"}, {"Ortega"}, {"Delgado"}, {"Ortiz"}, {"Marín"}, {"Rubio"}, {"Núñez"},
    {"Medina"}, {"Sanz"}, {"Castillo"}, {"Iglesias"}, {"Cortés"}, {"Garrido"}, {"Santos"}, {"Guerrero"},
    {"Lozano"}, {"Cano"}, {"Cruz"}, {"Méndez"}, {"Flores"}, {"Prieto"}, {"Herrera"}, {"Peña"}, {"León"},
    {"Márquez"}, {"Cabrera"}, {"Gallego"}, {"Calvo"}, {"Vidal"}, {"Campos"}, {"Reyes"}, {"Vega"},
    {"Fuentes"}, {"Carrasco"}, {"Aguilar"}, {"Caballero"}, {"Nieto"}, {"Santana"}, {"Vargas"}, {"Pascual"},
    {"Herrero"}, {"Hidalgo"}, {"Montero"}, {"Lorenzo"}, {"Benítez"}, {"Durán"}, {"Ibáñez"}, {"Arias"},
    {"Mora"}, {"Ferrer"}, {"Carmona"}, {"Vicente"}, {"Soto"}, {"Crespo"}, {"Pastor"}, {"Velasco"},
    {"Parra"}, {"Sáez"}, {"Bravo"}, {"Soler"}, {"Puig"}, {"Etxeberria"}};
const char *const esStreets[] = {
    "Calle Mayor", "Calle Real", "Calle Nueva", "Calle de la Iglesia", "Calle del Carmen", "Calle San José",
    "Calle Santiago", "Avenida de la Constitución", "Avenida de España", "Calle de Cervantes", "Calle Goya",
    "Calle Velázquez", "Plaza Mayor", "Calle de la Paz", "Calle del Rosario", "Calle Sevilla",
    "Calle Valencia", "Avenida del Mar", "Calle Luna", "Calle Olivo", "Calle del Sol", "Paseo de la Estación",
    "Calle Antonio Machado", "Calle Miguel de Unamuno", "Avenida de Andalucía", "Calle Colón"};
const City esCities[] = {
    {"Madrid", "Madrid", "Comunidad de Madrid", "MAD", "Europe/Madrid", 40.4168, -3.7038, 84.79, 30, 10, {}, 28001, 28055, {}, "0021", 1, "91"},
    {"Barcelona", "Barcelona", "Cataluña", "BCN", "Europe/Madrid", 41.3874, 2.1686, 83.58, 20, 8, {}, 8001, 8042, {}, "0031", 1, "93", "SE"},
    {"Valencia", "Valencia", "Comunitat Valenciana", "VLC", "Europe/Madrid", 39.4699, -0.3763, 85.94, 10, 6, {}, 46001, 46026, {}, "0021", 1, "96", "E"},
    {"Sevilla", "Sevilla", "Andalucía", "SVQ", "Europe/Madrid", 37.3891, -5.9845, 88.45, 8, 5, {}, 41001, 41020, {}, "0031", 1, "954"},
    {"Zaragoza", "Zaragoza", "Aragón", "ZAZ", "Europe/Madrid", 41.6488, -0.8891, 83.24, 6, 4, {}, 50001, 50021, {}, "0031", 1, "976"},
    {"Málaga", "Málaga", "Andalucía", "AGP", "Europe/Madrid", 36.7213, -4.4214, 89.22, 6, 4, {}, 29001, 29018, {}, "0031", 1, "952", "S"},
    {"Bilbao", "Bilbao", "País Vasco", "BIO", "Europe/Madrid", 43.2630, -2.9350, 81.17, 5, 4, {}, 48001, 48015, {}, "0021", 1, "94", "N"},
    {"Murcia", "Murcia", "Región de Murcia", "MJV", "Europe/Madrid", 37.9922, -1.1307, 87.73, 4, 3, {}, 30001, 30012, {}, "0021", 1, "968"},
    {"Almería", "Almería", "Andalucía", "LEI", "Europe/Madrid", 36.8340, -2.4637, 89.09, 3, 3, {}, 4001, 4009, {}, "0031", 1, "950", "S"},
    {"Las Palmas de Gran Canaria", "Las Palmas", "Canarias", "LPA", "Atlantic/Canary", 28.1235, -15.4363, 98.20, 4, 3, {}, 35001, 35019, {}, "0031", 0, "928", "NE"},
};
const BusinessKind esBusinesses[] = {
    {CC::Commercial, "retail", 5, "Comercial {F} S.L."},
    {CC::Commercial, "office", 4, "{F} y {F2} Asesores S.L."},
    {CC::Commercial, "restaurant", 4, "Restaurante Casa {G}"},
    {CC::Commercial, "hotel", 2, "Hotel {F} {C}"},
    {CC::Commercial, "bakery", 2, "Panadería {F}"},
    {CC::Commercial, "supermarket", 2, "Supermercados {F} S.A."},
    {CC::Commercial, "healthcare", 2, "Clínica Dental {F}"},
    {CC::Industrial, "manufacturing", 4, "Talleres {F} S.L."},
    {CC::Industrial, "food_processing", 2, "Conservas {F} S.A."},
    {CC::Industrial, "cold_storage", 1, "Frigoríficos {F} S.L."},
    {CC::Industrial, "metal_works", 2, "Metalúrgica {F} S.L."},
    {CC::Industrial, "data_centre", 1, "Centro de Datos {F} {C} S.L."},
    {CC::Agricultural, "dairy_farm", 3, "Granja Lechera {F}"},
    {CC::Agricultural, "arable_farm", 3, "Explotación Agrícola {F}"},
    {CC::Agricultural, "greenhouse", 2, "Invernaderos {F} S.L."},
    {CC::Agricultural, "vineyard", 2, "Bodegas {F}"},
};
const ContactNote esNotes[] = {
    {"bill", "El cliente consulta una factura más alta de lo esperado; se explica la lectura estimada."},
    {"bill", "Se envía copia de la última factura por correo electrónico."},
    {"payment", "Domiciliación bancaria mensual dada de alta."},
    {"payment", "Acordado un plan de pagos para la deuda pendiente."},
    {"usage", "Revisada la curva horaria de consumo; el aumento se debe al aire acondicionado."},
    {"usage", "La clienta pregunta cómo se compara su consumo con hogares similares."},
    {"outage", "Aviso de corte de suministro; avería registrada, reposición prevista en 4 horas."},
    {"outage", "Informado de un corte programado por trabajos en la red."},
    {"move", "Baja por traslado; lectura final programada."},
    {"move", "Alta del nuevo titular en el punto de suministro."},
    {"program", "Interesado en la compensación de excedentes del autoconsumo; se envía información."},
    {"program", "Inscrito en el programa de eficiencia energética."},
    {"meter", "El cliente comunica la lectura del contador."},
    {"meter", "Cita concertada para la instalación del contador inteligente."},
    {"complaint", "Reclamación por el tiempo de espera telefónica; se pide disculpas."},
    {"complaint", "Reclamación por visita técnica no realizada; nueva cita concertada."},
};
const char *const esAgents[] = {"l.garcia", "m.ruiz", "p.navarro", "a.etxeberria", "c.romero"};

const MarketData markets[] = {
    {Market::GB, "GB", "en", gbMale, gbFemale, gbFamily, gbStreets, gbCities, gbBusinesses, gbNotes, gbAgents, {}, {},
     "+44", "79", 10, "Home oxygen concentrator"},
    {Market::DE, "DE", "de", deMale, deFemale, deFamily, deStreets, deCities, deBusinesses, deNotes, deAgents, {}, {},
     "+49", "151", 0, "Heimbeatmungsgerät"},
    {Market::CN, "CN", "zh", cnMale, cnFemale, cnFamily, cnStreets, cnCities, cnBusinesses, cnNotes, cnAgents,
     cnTradeNames, cnTradeNames2, "+86", "138", 0, "家用制氧机"},
    {Market::ES, "ES", "es", esMale, esFemale, esFamily, esStreets, esCities, esBusinesses, esNotes, esAgents, {}, {},
     "+34", "6", 9, "Concentrador de oxígeno domiciliario"},
};

} // namespace

const MarketData &marketData(Market market)
{
    return markets[int(market)];
}

const char *customerClassKey(CustomerClass c)
{
    switch (c) {
    case CustomerClass::Residential: return "residential";
    case CustomerClass::Commercial: return "commercial";
    case CustomerClass::Industrial: return "industrial";
    case CustomerClass::Agricultural: return "agricultural";
    }
    return "residential";
}

} // namespace Ud::Demo
